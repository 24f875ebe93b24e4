// The messages between the thread that plans a build and the threads that read training slices for it.
import type { TaskRef } from '../../registry/load.js';
import type { SpillExtent } from '../spill.js';
import type { SliceCounts, SourceOrigin } from '../types.js';

/** How a reading thread gets a task's adapter: flanmix's own, or rebuilt from the registry entry's map. */
export type AdapterKind = 'builtin' | 'declarative';

export interface SliceWorkerData {
  /** The local source's folder. */
  dir: string;
  /** The spill folder (owned by the planning thread) and this thread's file in it. */
  spillDir: string;
  spillFile: string;
}

export interface SliceJob {
  id: number;
  ref: TaskRef;
  adapter: AdapterKind;
  seed: number;
  cap: number;
  validationSize?: number;
}

/**
 * An error as it crosses threads: its name, its one line, and the nearest class a caller tells apart (a
 * skippable unavailable task, a source error, a mistake in the call, another flanmix error, or a bug).
 */
export interface ThreadError {
  name: string;
  message: string;
  kind: 'unavailable' | 'source' | 'option' | 'flanmix' | 'bug';
  /** SourceUnavailableError's fields. */
  unavailable?: { dataset: string; task: string; reason: string };
  /** A bug's stack, kept for FLANMIX_DEBUG. */
  stack?: string;
}

export type SliceReply =
  | { id: number; rows: number }
  | {
      id: number;
      slice: { counts: SliceCounts; origin: SourceOrigin; train: SpillExtent; validation: SpillExtent };
    }
  | { id: number; error: ThreadError };

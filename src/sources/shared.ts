import { arrayPool } from '../mixture/pool.js';
import type { TaskRef } from '../registry/load.js';
import { manualSource } from '../registry/sources.js';
import type { SourceOrigin, TrainingSlice } from './types.js';

// What every source shares (the hub, local and samples sources import this, never each other): the empty
// slice of an evaluation-only task, split names by role, and the hints that tell a user what to supply.

/** The registry split a role reads: the training split (null for an evaluation-only task) or the test split. */
export function splitName(ref: TaskRef, role: 'train' | 'test'): string | null {
  return role === 'train' ? ref.task.splits.train : ref.task.splits.test;
}

/** An empty training slice, for evaluation-only tasks: no rows, so the mixer gives it no share. */
export function emptySlice(ref: TaskRef, origin: SourceOrigin): TrainingSlice {
  return {
    ref,
    train: arrayPool([]),
    validation: arrayPool([]),
    counts: { rows: 0, read: 0, examples: 0, filtered: {}, train: 0, validation: 0 },
    origin,
  };
}

/**
 * What the user must put where in a local folder, for a task split that has no files there. The path is
 * said relative to the folder (`<data-dir>/newsroom/…`): the text ends up in the manifest's skip reasons,
 * which must not carry this machine's paths.
 */
export function localHint(ref: TaskRef, split: string): string {
  const folder = ref.dataset.tasks.length === 1 ? ref.dataset.id : `${ref.dataset.id}/${ref.task.id}`;
  const cols = Object.keys(ref.task.columns).join(', ');
  const manual = manualSource(ref.task);
  const what = manual ? `${manual.files}; ` : '';
  return `${what}expected files under <data-dir>/${folder}/: the ${split} split as ${split}.{parquet,jsonl,csv} with columns ${cols} (see docs/sources.md)`;
}

/** What to do about a manual dataset when no local folder was given. */
export function manualHint(ref: TaskRef): string {
  const files = manualSource(ref.task)?.files ?? 'the files';
  return `${files}; supply them as local files (--data-dir DIR, see docs/sources.md)`;
}

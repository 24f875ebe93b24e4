import type { Adapter } from '../adapters/types.js';
import type { Pool } from '../mixture/pool.js';
import type { Progress } from '../mixture/progress.js';
import type { TaskRef } from '../registry/load.js';

/**
 * Where rows come from.
 * - `samples`: the rows shipped in `samples/` (a dozen per task); they serve as every split.
 * - `hub`: the Hugging Face Hub (or a mirror), parquet files cached in the Hugging Face cache layout.
 *   `endpoint`, `token`, `cacheDir` and `offline` default to HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE / HF_HOME and
 *   HF_HUB_OFFLINE. With `localDir`, a task whose files are in that folder (the local layout) is read from
 *   there instead: this is how the manual datasets join a Hub build.
 * - `local`: a folder of the user's parquet, JSONL, CSV or TSV files (docs/sources.md gives the layout).
 */
export type SourceSpec =
  | {
      kind: 'samples';
      /** Local files that take precedence over the samples, task by task (a user's own datasets). */
      localDir?: string;
    }
  | {
      kind: 'hub';
      endpoint?: string;
      token?: string;
      cacheDir?: string;
      offline?: boolean;
      /** Local files that take precedence over the Hub, task by task (manual datasets). */
      localDir?: string;
      /**
       * `repo@revision` → the commit sha to read instead of the revision's current one: a rebuild from a
       * manifest reads what the first build read, even after the repo moved on.
       */
      commits?: Readonly<Record<string, string>>;
      /** Attempts per request on network failures, 429 and 5xx (default 5). */
      retries?: number;
      /** First backoff delay in ms, doubled on each retry (default 500). */
      retryDelayMs?: number;
      /**
       * Idle timeout: a download that receives under 1 KiB in this long (nothing, or a trickle) is aborted and
       * retried, and the final error names the file (default HF_HUB_DOWNLOAD_TIMEOUT seconds, else 30 000 ms).
       */
      stallTimeoutMs?: number;
      /** Splits of at least this many bytes are read by range requests (default 64 MiB; 0: always). */
      rangeMinBytes?: number;
    }
  | { kind: 'local'; dir: string };

export interface SliceOptions {
  /** The dataset's adapter (default: the built-in one); a user's catalog passes its own. */
  adapter?: Adapter<unknown>;
  seed: number;
  cap: number;
  validationSize?: number;
  progress?: Progress;
}

export interface EvalOptions {
  adapter?: Adapter<unknown>;
  limit?: number;
  progress?: Progress;
}

export interface SliceCounts {
  /** Rows in the source split. */
  rows: number;
  /** Rows taken in shuffled order and adapted (fewer than `rows` when the cap let the read stop early). */
  read: number;
  /** Examples the adapter made from the rows read (QuAC-like datasets make several per row). */
  examples: number;
  /** Rows the adapter dropped, by reason (FLAN's filters). */
  filtered: Record<string, number>;
  train: number;
  validation: number;
  /** Parquet row groups decoded, of the split's total (absent for other formats). */
  rowGroups?: { read: number; total: number };
  /** JSONL/CSV lines of the split that are not valid UTF-8 (read with U+FFFD), and the first of them. */
  invalidUtf8?: { lines: number; first: string };
}

export interface SourceOrigin {
  kind: 'samples' | 'hub' | 'local';
  repo?: string;
  config?: string;
  /** The revision asked for (`main`, `refs/convert/parquet`…). */
  revision?: string;
  /** The commit sha the revision resolved to, so the build can be repeated exactly. */
  commit?: string;
  /** The source split name (e.g. `train_r1`, `validation_matched`). */
  split?: string;
  /** Files read: repo paths (Hub), paths relative to the folder (local), package paths (samples). */
  files: string[];
  /** Which of the task's registry sources was used (1 = the first), for Hub reads. */
  source?: number;
  /** Sources tried before it, each `repo@revision (config): why it was passed over`. */
  passedOver?: string[];
  /**
   * Hub reads: bytes of the split's files the read touched (counted in 64 KiB cache blocks, so the figure is
   * the same whether they came from the network or the cache) and the split's total size.
   */
  bytes?: { read: number; total: number };
}

export interface TrainingSlice {
  ref: TaskRef;
  train: Pool;
  validation: Pool;
  counts: SliceCounts;
  origin: SourceOrigin;
}

export interface EvalSplit {
  ref: TaskRef;
  pool: Pool;
  counts: SliceCounts;
  origin: SourceOrigin;
}

/** What `prepare` found for one task and split (the `flanmix fetch` table). */
export interface SplitInfo {
  ref: TaskRef;
  /** Which registry split: the training split or the test (evaluation) split. */
  role: 'train' | 'test';
  /** Rows in the split; null when unknown (a check without download, files not cached). */
  rows: number | null;
  bytes: number | null;
  origin: SourceOrigin;
  /** Files that are not in the cache (check mode only; empty when everything is there). */
  missing: string[];
}

export interface PrepareOptions {
  progress?: Progress;
  /** Only check: list what a build would read and whether it is cached, download nothing. */
  check?: boolean;
}

export interface DataSource {
  readonly kind: 'samples' | 'hub' | 'local';
  /** Seeded shuffle of the train split's rows, adapted (filters applied, counted), then cap; tail = validation. */
  trainingSlice(ref: TaskRef, options: SliceOptions): Promise<TrainingSlice>;
  /** The registry's test split (FLAN's evaluation split), adapted, in source order; `limit` caps it. */
  evalSplit(ref: TaskRef, options: EvalOptions): Promise<EvalSplit>;
  /** Downloads (or checks) one split's files and reports its rows, without adapting anything. */
  prepare?(ref: TaskRef, role: 'train' | 'test', options?: PrepareOptions): Promise<SplitInfo>;
  /** Whether this source has the task split (a fallback source is asked before the Hub; see open.ts). */
  has?(ref: TaskRef, role: 'train' | 'test'): boolean;
  /** What the user must supply, and where, for a split this source does not have. */
  hint?(ref: TaskRef, split: string): string;
  /**
   * Several tasks' training slices at once, on up to `threads` threads where the source can (local files):
   * each the slice trainingSlice gives, settled in request order. Once `stop` says a failure ends the
   * read, no further task starts; those are left undefined.
   */
  trainingSlices?(requests: readonly SliceRequest[], options: SliceThreadOptions): Promise<SliceResults>;
  /** Releases spill files. */
  close(): Promise<void>;
}

/** One task's slice, as a build asks for it. */
export interface SliceRequest {
  ref: TaskRef;
  options: SliceOptions;
}

export interface SliceThreadOptions {
  threads: number;
  progress?: Progress;
  /** Whether a failure ends the read: no further task is started once it returns true. */
  stop?: (error: unknown) => boolean;
}

/** What each request came to, in request order; undefined for requests never started after a stop. */
export type SliceResults = (PromiseSettledResult<TrainingSlice> | undefined)[];

export { openSource } from './open.js';

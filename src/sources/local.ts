import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Row } from '../adapters/types.js';
import { OptionError } from '../registry/errors.js';
import type { TaskRef } from '../registry/load.js';
import { SourceError, SourceUnavailableError } from './errors.js';
import { ParquetFileTable } from './parquet.js';
import { emptySlice, localHint, splitName } from './shared.js';
import { evalSplitFrom, trainingSliceFrom } from './slice.js';
import { SpillFolder, SpillStore } from './spill.js';
import { ConcatTable, type RowTable } from './table.js';
import { TextFileTable, type TextFormat } from './text.js';
import { adapterKind, canReadOnThreads, readSlicesOnThreads } from './threads/slice-threads.js';
import type {
  DataSource,
  EvalOptions,
  EvalSplit,
  PrepareOptions,
  SliceOptions,
  SliceRequest,
  SliceResults,
  SliceThreadOptions,
  SourceOrigin,
  SplitInfo,
  TrainingSlice,
} from './types.js';

/** File endings the local source reads, and their formats. */
const FORMATS: ReadonlyArray<[string, 'parquet' | TextFormat]> = [
  ['.parquet', 'parquet'],
  ['.jsonl', 'jsonl'],
  ['.jsonl.gz', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.csv', 'csv'],
  ['.csv.gz', 'csv'],
  ['.tsv', 'tsv'],
  ['.tsv.gz', 'tsv'],
];

function formatOf(name: string): 'parquet' | TextFormat | undefined {
  return FORMATS.find(([ext]) => name.endsWith(ext))?.[1];
}

const natural = new Intl.Collator('en', { numeric: true });

interface LocalFile {
  path: string;
  display: string;
  format: 'parquet' | TextFormat;
}

/** A task split's files in the local layout, or undefined (see docs/sources.md). */
export function findLocalFiles(dir: string, ref: TaskRef, split: string): LocalFile[] | undefined {
  const folders = [join(dir, ref.dataset.id, ref.task.id)];
  if (ref.dataset.tasks.length === 1) folders.push(join(dir, ref.dataset.id));
  const display = (p: string) => relative(dir, p).split(sep).join('/');
  for (const folder of folders) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    const names = readdirSync(folder);
    const direct = names.filter(
      (n) => n.startsWith(`${split}.`) && formatOf(n) && n.slice(split.length) === extOf(n),
    );
    if (direct.length > 1)
      throw new SourceError(
        `${ref.dataset.id}/${ref.task.id}: several files for split "${split}" in ${display(folder) || '.'}: ${direct.join(', ')} (keep one)`,
      );
    if (direct.length === 1) {
      const path = join(folder, direct[0]!);
      return [{ path, display: display(path), format: formatOf(path)! }];
    }
    const sub = join(folder, split);
    if (names.includes(split) && statSync(sub).isDirectory()) {
      const files = readdirSync(sub)
        .filter((n) => formatOf(n) && !n.startsWith('.'))
        .sort(natural.compare)
        .map((n) => join(sub, n));
      if (files.length)
        return files.map((path) => ({ path, display: display(path), format: formatOf(path)! }));
    }
  }
  return undefined;
}

function extOf(name: string): string {
  return FORMATS.find(([ext]) => name.endsWith(ext))?.[0] ?? '';
}

/** `columns.json` beside the files: file column → registry column (the task's folder wins over the dataset's). */
function renameMap(dir: string, ref: TaskRef): Record<string, string> | undefined {
  const candidates = [
    join(dir, ref.dataset.id, ref.task.id, 'columns.json'),
    join(dir, ref.dataset.id, 'columns.json'),
  ];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new SourceError(
        `${ref.dataset.id}/${ref.task.id}: ${file}: not valid JSON: ${(e as Error).message}`,
      );
    }
    if (
      typeof data !== 'object' ||
      data === null ||
      Array.isArray(data) ||
      !Object.values(data).every((v) => typeof v === 'string')
    )
      throw new SourceError(
        `${ref.dataset.id}/${ref.task.id}: ${file}: must be a JSON object of file column → registry column names`,
      );
    return data as Record<string, string>;
  }
  return undefined;
}

/** Opens files as one table; the registry's columns are checked on open. */
export async function openTable(
  files: readonly LocalFile[],
  ref: TaskRef,
  rename?: Record<string, string>,
): Promise<RowTable> {
  const where = `${ref.dataset.id}/${ref.task.id}`;
  const parts: RowTable[] = [];
  try {
    for (const f of files) {
      parts.push(
        f.format === 'parquet'
          ? await ParquetFileTable.open(f.path, f.display, {
              where,
              columns: Object.keys(ref.task.columns),
              ...(rename ? { rename } : {}),
            })
          : await TextFileTable.open(f.path, f.display, f.format, {
              where,
              columns: ref.task.columns,
              ...(rename ? { rename } : {}),
            }),
      );
    }
  } catch (e) {
    for (const p of parts) await p.close();
    throw e;
  }
  return parts.length === 1 ? parts[0]! : new ConcatTable(parts);
}

/**
 * The user's files: `<dir>/<dataset>/<task>/<split>.<ext>` (or `<dir>/<dataset>/<split>.<ext>` for a
 * single-task dataset), or a `<split>/` folder of shards; parquet, JSONL, CSV or TSV (`.gz` for the text
 * formats); columns as the registry's `source.columns`, renamed by an optional `columns.json`.
 */
export class LocalSource implements DataSource {
  readonly kind = 'local' as const;
  private readonly store: SpillStore;
  /** The reading threads' spill files (trainingSlices), made on first use. */
  private threadSpill: SpillFolder | undefined;
  readonly dir: string;

  constructor(dir: string, store: SpillStore = new SpillStore()) {
    this.dir = resolve(dir);
    this.store = store;
  }

  has(ref: TaskRef, role: 'train' | 'test'): boolean {
    const split = splitName(ref, role);
    return split !== null && findLocalFiles(this.dir, ref, split) !== undefined;
  }

  hint(ref: TaskRef, split: string): string {
    return localHint(ref, split);
  }

  private async open(ref: TaskRef, split: string): Promise<{ table: RowTable; origin: SourceOrigin }> {
    if (!existsSync(this.dir) || !statSync(this.dir).isDirectory())
      throw new OptionError(`local source: ${this.dir} is not a folder`);
    const files = findLocalFiles(this.dir, ref, split);
    if (!files)
      throw new SourceUnavailableError(
        ref.dataset.id,
        ref.task.id,
        `no local files: ${localHint(ref, split)}`,
      );
    const table = await openTable(files, ref, renameMap(this.dir, ref));
    return { table, origin: { kind: 'local', split, files: files.map((f) => f.display) } };
  }

  /** The first `max` rows of a task split as the files hold them (for `render`); undefined without files. */
  async firstRows(ref: TaskRef, role: 'train' | 'test', max: number): Promise<Row[] | undefined> {
    const split = splitName(ref, role);
    if (split === null || !this.has(ref, role)) return undefined;
    const { table } = await this.open(ref, split);
    const rows: Row[] = [];
    try {
      await table.scan(null, (_i, row) => (rows.push(row) < max ? undefined : false));
    } finally {
      await table.close();
    }
    return rows;
  }

  async trainingSlice(ref: TaskRef, options: SliceOptions): Promise<TrainingSlice> {
    const split = ref.task.splits.train;
    if (split === null) return emptySlice(ref, { kind: 'local', files: [] });
    const { table, origin } = await this.open(ref, split);
    try {
      return await trainingSliceFrom(table, ref, this.store, origin, options);
    } finally {
      await table.close();
    }
  }

  /**
   * Several tasks' training slices, read on up to `threads` threads (one task each at a time); tasks with a
   * code adapter, which only this thread can run, are read here meanwhile. Each slice is the one
   * trainingSlice gives, whatever the thread count.
   */
  async trainingSlices(
    requests: readonly SliceRequest[],
    options: SliceThreadOptions,
  ): Promise<SliceResults> {
    const threaded = requests.map((r) => adapterKind(r.ref, r.options.adapter) !== undefined);
    const onThreads = requests.filter((_, i) => threaded[i]);
    const results: SliceResults = new Array(requests.length).fill(undefined);
    if (options.threads <= 1 || onThreads.length <= 1 || !canReadOnThreads()) {
      threaded.fill(false);
    } else {
      this.threadSpill ??= new SpillFolder();
      const progress = options.progress;
      const threads = Math.min(options.threads, onThreads.length);
      progress?.start(`reading ${onThreads.length} training slices on ${threads} threads`, undefined, 'rows');
      try {
        const read = readSlicesOnThreads(this.dir, onThreads, this.threadSpill, options);
        // This thread's rows count in the threads' phase; its own phase lines would replace that one.
        const quiet = { start() {}, done() {}, advance: (n: number) => progress?.advance(n) };
        const here = this.readHere(requests, threaded, results, { ...options, progress: quiet });
        const [threadResults, hereDone] = await Promise.allSettled([read, here]);
        if (threadResults.status === 'rejected') throw threadResults.reason;
        if (hereDone.status === 'rejected') throw hereDone.reason;
        let k = 0;
        for (let i = 0; i < requests.length; i++) if (threaded[i]) results[i] = threadResults.value[k++];
      } finally {
        progress?.done();
      }
      return results;
    }
    await this.readHere(requests, threaded, results, options);
    return results;
  }

  private async readHere(
    requests: readonly SliceRequest[],
    threaded: readonly boolean[],
    results: SliceResults,
    options: SliceThreadOptions,
  ): Promise<void> {
    for (let i = 0; i < requests.length; i++) {
      if (threaded[i]) continue;
      const { ref, options: o } = requests[i]!;
      try {
        results[i] = {
          status: 'fulfilled',
          value: await this.trainingSlice(ref, { ...o, progress: options.progress }),
        };
      } catch (e) {
        results[i] = { status: 'rejected', reason: e };
        if (options.stop?.(e)) return;
      }
    }
  }

  async evalSplit(ref: TaskRef, options: EvalOptions): Promise<EvalSplit> {
    const { table, origin } = await this.open(ref, ref.task.splits.test);
    try {
      return await evalSplitFrom(table, ref, this.store, origin, options);
    } finally {
      await table.close();
    }
  }

  async prepare(ref: TaskRef, role: 'train' | 'test', _options?: PrepareOptions): Promise<SplitInfo> {
    const split = splitName(ref, role);
    if (split === null)
      return { ref, role, rows: 0, bytes: 0, origin: { kind: 'local', files: [] }, missing: [] };
    const files = findLocalFiles(this.dir, ref, split);
    const { table, origin } = await this.open(ref, split);
    try {
      const bytes = (files ?? []).reduce((n, f) => n + statSync(f.path).size, 0);
      return { ref, role, rows: table.numRows, bytes, origin, missing: [] };
    } finally {
      await table.close();
    }
  }

  async close(): Promise<void> {
    this.store.close();
    this.threadSpill?.close();
  }
}

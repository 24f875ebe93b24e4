import { AdapterError, adaptRow } from '../adapters/define.js';
import { ADAPTERS } from '../adapters/index.js';
import type { Adapter, Example, Row } from '../adapters/types.js';
import { silentProgress } from '../mixture/progress.js';
import { rngFor } from '../mixture/rng.js';
import { sliceSizes } from '../mixture/slice-sizes.js';
import { FlanmixError } from '../registry/errors.js';
import type { TaskRef } from '../registry/load.js';
import { SourceError } from './errors.js';
import { LazyPermutation } from './permutation.js';
import { sampleRowGroups } from './row-groups.js';
import type { ExampleStore } from './spill.js';
import type { RowTable } from './table.js';
import type {
  EvalOptions,
  EvalSplit,
  SliceCounts,
  SliceOptions,
  SourceOrigin,
  TrainingSlice,
} from './types.js';

/** The RNG stream of a task's training shuffle: the seed mixed with the task key (`slice:anli/r1`). */
export function sliceRng(seed: number, ref: TaskRef) {
  return rngFor(seed, `slice:${ref.key}`);
}

// The size rule lives in the core so registry-sized plans (browser, `rates --sizes registry`) share it.
export { sliceSizes } from '../mixture/slice-sizes.js';

/**
 * Examples a capped read must reach before it may stop: enough that the sizes above come out the same as if
 * every row had been read (cap + validation, and at least 4 × validation so the quarter rule cannot bite).
 */
export function examplesNeeded(cap: number, validationSize: number): number {
  return Math.max(cap + validationSize, 4 * validationSize);
}

function adapterFor(ref: TaskRef, given?: Adapter<unknown>): Adapter<unknown> {
  const adapter = given ?? ADAPTERS[ref.dataset.id];
  if (!adapter) throw new FlanmixError(`dataset "${ref.dataset.id}" has no adapter`);
  return adapter;
}

/** Adapts one row; schema mismatches become errors that name the file as well as dataset, task and row. */
function adaptAt(
  adapter: Adapter<unknown>,
  ref: TaskRef,
  row: Row,
  file: string,
  rowInFile: number,
): readonly Example[] | { readonly skip: string } {
  for (const column of Object.keys(ref.task.columns)) {
    if (!(column in row))
      throw new SourceError(
        `${ref.dataset.id}/${ref.task.id}: ${file} row ${rowInFile}: column "${column}" is missing (the registry expects ${Object.keys(ref.task.columns).join(', ')})`,
      );
  }
  try {
    return adaptRow(adapter, row, { dataset: ref.dataset, task: ref.task }, rowInFile);
  } catch (e) {
    if (e instanceof AdapterError) throw new SourceError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * A training slice (docs/mixing.md, "Training slice"). Rows are taken in the order of a seeded permutation of the split's row
 * indices, adapted (filters counted by reason), until enough examples are in hand; only the row groups that
 * hold the drawn rows are read, in batches, so a cap on a large split reads a fraction of it. The result is
 * the same as adapting every row in shuffled order and then cutting: the training slice with cap c is a prefix
 * of the one with a larger cap.
 */
export async function trainingSliceFrom(
  split: RowTable,
  ref: TaskRef,
  store: ExampleStore,
  origin: SourceOrigin,
  options: SliceOptions,
): Promise<TrainingSlice> {
  const adapter = adapterFor(ref, options.adapter);
  const progress = options.progress ?? silentProgress;
  const validationSize = options.validationSize ?? ref.task.validationSize;
  const need = examplesNeeded(options.cap, validationSize);
  // A split far larger than the slice is sampled by row group first (row-groups.ts); others uniformly.
  const table = sampleRowGroups(split, need, rngFor(options.seed, `groups:${ref.key}`)) ?? split;
  const n = table.numRows;
  const perm = new LazyPermutation(n, sliceRng(options.seed, ref));
  const ids: number[] = [];
  const filtered: Record<string, number> = {};
  let consumed = 0;
  let done = n === 0 || need === 0;
  let batchSize = Math.min(n, Math.ceil(need * 1.1) + 16);

  while (!done) {
    // Draw the next batch of shuffled positions, then read their rows in file order.
    const values = new Uint32Array(batchSize);
    for (let k = 0; k < batchSize; k++) values[k] = perm.next()!;
    const order = Uint32Array.from({ length: batchSize }, (_, k) => k).sort(
      (a, b) => values[a]! - values[b]!,
    );
    const wanted = Uint32Array.from(order, (k) => values[k]!);
    const first = new Int32Array(batchSize);
    const count = new Int32Array(batchSize);
    const skips: (string | undefined)[] = new Array(batchSize);
    let t = 0;
    progress.start(`${ref.key}: reading ${origin.split ?? 'train'}`, batchSize, 'rows');
    await table.scan(wanted, (index, row, file, rowInFile) => {
      const k = order[t++]!;
      if (values[k] !== index)
        throw new FlanmixError(`internal: scan returned row ${index}, expected ${values[k]}`);
      const result = adaptAt(adapter, ref, row, file, rowInFile);
      if ('skip' in result) {
        skips[k] = result.skip;
      } else {
        first[k] = result.length ? store.add(result[0]!) : -1;
        for (let e = 1; e < result.length; e++) store.add(result[e]!);
        count[k] = result.length;
      }
      progress.advance(1);
      return undefined;
    });
    progress.done();
    if (t !== batchSize) throw new FlanmixError(`internal: scan visited ${t} of ${batchSize} rows`);
    // Settle positions in shuffled order; stop as soon as enough examples are in hand.
    for (let k = 0; k < batchSize && !done; k++) {
      consumed++;
      const skip = skips[k];
      if (skip !== undefined) filtered[skip] = (filtered[skip] ?? 0) + 1;
      else for (let e = 0; e < count[k]!; e++) ids.push(first[k]! + e);
      if (ids.length >= need) done = true;
    }
    if (consumed >= n) done = true;
    if (!done) {
      const rate = ids.length > 0 ? ids.length / consumed : 0.5;
      batchSize = Math.min(n - consumed, Math.ceil(((need - ids.length) / rate) * 1.2) + 16);
    }
  }

  const sizes = sliceSizes(ids.length, options.cap, validationSize);
  const counts: SliceCounts = {
    rows: split.numRows,
    read: consumed,
    examples: ids.length,
    filtered,
    train: sizes.train,
    validation: sizes.validation,
    ...(table.rowGroups !== undefined
      ? { rowGroups: { read: table.groupsRead, total: table.rowGroups } }
      : {}),
    ...(table.invalidUtf8 ? { invalidUtf8: table.invalidUtf8 } : {}),
  };
  return {
    ref,
    train: store.pool(ids.slice(0, sizes.train)),
    validation: store.pool(ids.slice(sizes.train, sizes.train + sizes.validation)),
    counts,
    origin,
  };
}

/** The test split in source order, adapted; stops reading once `limit` examples are in hand. */
export async function evalSplitFrom(
  table: RowTable,
  ref: TaskRef,
  store: ExampleStore,
  origin: SourceOrigin,
  options: EvalOptions,
): Promise<EvalSplit> {
  const adapter = adapterFor(ref, options.adapter);
  const progress = options.progress ?? silentProgress;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const ids: number[] = [];
  const filtered: Record<string, number> = {};
  let read = 0;
  if (limit > 0) {
    progress.start(`${ref.key}: reading ${origin.split ?? 'test'}`, table.numRows, 'rows');
    await table.scan(null, (_index, row, file, rowInFile) => {
      read++;
      progress.advance(1);
      const result = adaptAt(adapter, ref, row, file, rowInFile);
      if ('skip' in result) {
        filtered[result.skip] = (filtered[result.skip] ?? 0) + 1;
        return undefined;
      }
      for (const ex of result) {
        if (ids.length >= limit) break;
        ids.push(store.add(ex));
      }
      return ids.length < limit ? undefined : false;
    });
    progress.done();
  }
  return {
    ref,
    pool: store.pool(ids),
    counts: {
      rows: table.numRows,
      read,
      examples: ids.length,
      filtered,
      train: 0,
      validation: 0,
      ...(table.rowGroups !== undefined
        ? { rowGroups: { read: table.groupsRead, total: table.rowGroups } }
        : {}),
      ...(table.invalidUtf8 ? { invalidUtf8: table.invalidUtf8 } : {}),
    },
    origin,
  };
}

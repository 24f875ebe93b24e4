// Full-size synthetic data for benchmarks: every task's shipped sample rows, varied into pools of any size,
// in the Hub's column schema, adapted by the real adapters as the pool is read. No files, no network.
import { ADAPTERS, adaptRow, type Example, type Row } from '../src/adapters/index.js';
import type { Pool } from '../src/mixture/pool.js';
import { buildMixture } from '../src/pipeline/build-mixture.js';
import type { BuildOptionsInput } from '../src/pipeline/options.js';
import type { TaskRef } from '../src/registry/load.js';
import type { DataSource, SliceCounts } from '../src/sources/index.js';
import { readSampleRows } from '../src/sources/samples.js';

/** Row `i` of a synthetic split: sample row `i mod n` with ` (vi)` appended to its longest text column. */
export function syntheticRow(rows: readonly Row[], i: number): Row {
  const base = rows[i % rows.length]!;
  return { ...base, ...varied(base, i) };
}

function varied(row: Row, i: number): Row {
  let longest: string | undefined;
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && (longest === undefined || v.length > (row[longest] as string).length))
      longest = k;
  }
  return longest === undefined
    ? {}
    : { [longest]: `${(row[longest] as string).replace(/ \(v\d+\)$/, '')} (v${i})` };
}

/** A pool of `size` examples adapted lazily from synthetic rows (rows the adapter skips are stepped over). */
export function syntheticPool(ref: TaskRef, size: number): Pool {
  const rows = readSampleRows(ref.dataset.id, ref.task.id);
  const adapter = ADAPTERS[ref.dataset.id]!;
  const ctx = { dataset: ref.dataset, task: ref.task };
  return {
    size,
    get(index: number): Example {
      // A row the adapter skips is replaced by the next sample row (varied with the same index).
      for (let step = 0; step < rows.length; step++) {
        const r = adaptRow(adapter, syntheticRow(rows, index + step), ctx);
        if (!('skip' in r) && r.length > 0) return r[0]!;
      }
      throw new Error(`${ref.key}: every sample row is skipped by the adapter`);
    },
  };
}

export function syntheticSource(poolSize = 30000): DataSource {
  const counts = (n: number): SliceCounts => ({
    rows: n,
    read: n,
    examples: n,
    filtered: {},
    train: n,
    validation: 0,
  });
  const origin = { kind: 'samples' as const, files: [] };
  return {
    kind: 'samples',
    async trainingSlice(ref) {
      return {
        ref,
        train: syntheticPool(ref, poolSize),
        validation: syntheticPool(ref, 0),
        counts: counts(poolSize),
        origin,
      };
    },
    async evalSplit(ref, options) {
      const n = Math.min(options.limit ?? 200, poolSize);
      return { ref, pool: syntheticPool(ref, n), counts: counts(n), origin };
    },
    async close() {},
  };
}

/** Builds the full-size synthetic mixture (all tasks, 30k pools) with the given options. */
export function buildSynthetic(options: BuildOptionsInput, poolSize = 30000) {
  return buildMixture(options, { source: syntheticSource(poolSize) });
}

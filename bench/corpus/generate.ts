// Writes the bench corpus: for every task of the registry, its training split (the cap plus the validation
// tail, so every task fills its 30,000 examples) and a small test split, as parquet shards in the local
// source layout (DIR/<dataset>/<task>/<split>/part-NNNNN.parquet), in the task's Hub columns. Written once
// into a folder named after the generator's parameters; a `complete` file marks a finished corpus.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Row } from '../../src/adapters/types.js';
import { loadRegistry } from '../../src/registry/load.js';
import { readSampleRows } from '../../src/sources/samples.js';
import { RowRewriter } from './rows.js';
import { hash32 } from './vocabulary.js';

/** Bump when the generated text changes, so a cached corpus of another version is not reused. */
export const CORPUS_VERSION = 1;
const SHARD_ROWS = 5000;
const TEST_ROWS = 200;

export interface CorpusOptions {
  /** Training rows per task before the validation tail (the build's cap). */
  rows: number;
  /** Parent folder; the corpus goes into a subfolder named after its version and size. */
  cacheDir: string;
}

function shardBytes(columns: readonly string[], rows: readonly Row[]): Uint8Array {
  const columnData = columns.map((name) => {
    const data = rows.map((r) => (r[name] === undefined ? null : r[name]));
    // Nested values (lists, structs) go in as JSON columns, which hyparquet reads back as the same values.
    const nested = data.some((v) => v !== null && typeof v === 'object');
    return nested ? { name, data, type: 'JSON' as const } : { name, data };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 1000 }));
}

function writeSplit(
  dir: string,
  columns: string[],
  count: number,
  rewrite: (i: number) => Row,
  offset: number,
) {
  mkdirSync(dir, { recursive: true });
  for (let start = 0, part = 0; start < count; start += SHARD_ROWS, part++) {
    const rows: Row[] = [];
    for (let i = start; i < Math.min(count, start + SHARD_ROWS); i++) rows.push(rewrite(offset + i));
    writeFileSync(join(dir, `part-${String(part).padStart(5, '0')}.parquet`), shardBytes(columns, rows));
  }
}

/** Makes sure the corpus exists (generating it if needed) and returns its folder. */
export function ensureCorpus(o: CorpusOptions, log: (line: string) => void = () => {}): string {
  const dir = join(o.cacheDir, `bench-corpus-v${CORPUS_VERSION}-${o.rows}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const registry = loadRegistry();
  const started = performance.now();
  for (const dataset of registry.datasets) {
    for (const task of dataset.tasks) {
      const samples = readSampleRows(dataset.id, task.id);
      const rewriter = new RowRewriter(samples, dataset.id, hash32(`${dataset.id}/${task.id}`));
      const columns = Object.keys(task.columns);
      const folder = join(dir, dataset.id, task.id);
      const train = task.splits.train;
      if (train) {
        const n = o.rows + (task.validationSize ?? 0);
        writeSplit(join(folder, train), columns, n, (i) => rewriter.rewrite(i), 0);
      }
      // Test rows come after the training rows, so they differ from them.
      if (task.splits.test !== train)
        writeSplit(join(folder, task.splits.test), columns, TEST_ROWS, (i) => rewriter.rewrite(i), 1e7);
      log(`corpus: ${dataset.id}/${task.id} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  writeFileSync(join(dir, 'complete'), `bench corpus v${CORPUS_VERSION}, ${o.rows} rows per task\n`);
  return dir;
}

// Node only: TFRecord shards of packed rows, one tf.train.Example per row, written atomically.
import { join } from 'node:path';
import type { PackedRow } from '../../pack/options.js';
import { ShardFile, type ShardInfo, shardName } from '../shard-file.js';
import type { ExampleFeatures } from './example.js';
import { exampleRecord } from './record.js';

export interface ShardWriterOptions {
  dir: string;
  shards: number;
  /** File prefix; shards are `{prefix}-00000-of-00016` (seqio: `train.tfrecord`). */
  prefix?: string;
  /** Called after each row is handed to its shard. */
  onRow?: (row: PackedRow) => void;
}

/**
 * Writes rows round-robin into `shards` files: row i goes to shard i mod shards, so every shard gets an
 * even share in stream order, nothing is buffered beyond the file streams, and the placement depends on
 * nothing but the row order. Each file is written under a temporary name and renamed when complete.
 */
export async function writeRoundRobin(
  rows: AsyncIterable<PackedRow> | Iterable<PackedRow>,
  options: ShardWriterOptions & { suffix: string; gzip?: boolean },
  encode: (row: PackedRow) => Uint8Array | string,
): Promise<ShardInfo[]> {
  const n = options.shards;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`shards must be a positive integer, got ${n}`);
  const files = Array.from(
    { length: n },
    (_, i) =>
      new ShardFile(join(options.dir, shardName(options.prefix!, i, n, options.suffix)), {
        gzip: options.gzip,
      }),
  );
  try {
    let i = 0;
    for await (const row of rows) {
      await files[i % n]!.write(encode(row));
      options.onRow?.(row);
      i++;
    }
    const out: ShardInfo[] = [];
    for (const f of files) out.push(await f.close());
    return out;
  } catch (e) {
    await Promise.all(files.map((f) => f.abort()));
    throw e;
  }
}

/** `train.tfrecord-00000-of-00016` …: seqio's cached-task layout, one tf.train.Example per row. */
export function writeTfrecordShards(
  rows: AsyncIterable<PackedRow> | Iterable<PackedRow>,
  options: ShardWriterOptions,
): Promise<ShardInfo[]> {
  return writeRoundRobin(
    rows,
    { ...options, prefix: options.prefix ?? 'train.tfrecord', suffix: '' },
    (row) => exampleRecord(row as ExampleFeatures),
  );
}

// Node only: packed rows as JSON lines, `{prefix}-00000-of-00016.jsonl[.gz]`, round-robin like the
// TFRecord shards. Each line is one row: token features as arrays of integers, kept text as arrays of
// strings, keys in feature order.
import type { PackedRow } from '../pack/options.js';
import type { ShardInfo } from './shard-file.js';
import { type ShardWriterOptions, writeRoundRobin } from './tfrecord/writer.js';

/** One row as a JSON line (with the trailing newline). */
export function packedRowJson(row: PackedRow): string {
  let s = '{';
  let first = true;
  for (const key of Object.keys(row)) {
    const v = row[key]!;
    s += `${first ? '' : ','}${JSON.stringify(key)}:${v instanceof Int32Array ? `[${v.join(',')}]` : JSON.stringify(v)}`;
    first = false;
  }
  return `${s}}\n`;
}

export function writePackedJsonlShards(
  rows: AsyncIterable<PackedRow> | Iterable<PackedRow>,
  options: ShardWriterOptions & { gzip?: boolean },
): Promise<ShardInfo[]> {
  return writeRoundRobin(
    rows,
    { ...options, prefix: options.prefix ?? 'train.packed', suffix: options.gzip ? '.jsonl.gz' : '.jsonl' },
    packedRowJson,
  );
}

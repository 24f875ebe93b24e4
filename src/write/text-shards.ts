import type { MixtureRecord } from '../mixture/record.js';
import { writeJsonlShards } from './jsonl-shards.js';
import { type ParquetColumn, writeParquetShards } from './parquet.js';
import type { ShardInfo } from './shard-file.js';

export interface TextShardOptions {
  dir: string;
  shards: number;
  format: 'jsonl' | 'parquet';
  gzip?: boolean;
  /** Names of the input and target fields (default `inputs`, `targets`; trl: `prompt`, `completion`). */
  fields?: readonly [string, string];
}

/** The columns of a text record, inputs and targets first under their chosen names. */
export function textColumns(fields: readonly [string, string] = ['inputs', 'targets']): ParquetColumn[] {
  return [
    { name: fields[0], from: 'inputs', kind: 'string' },
    { name: fields[1], from: 'targets', kind: 'string' },
    { name: 'dataset', kind: 'string' },
    { name: 'task', kind: 'string' },
    { name: 'cluster', kind: 'string' },
    { name: 'template', kind: 'int', nullable: true },
    { name: 'inverted', kind: 'boolean' },
    { name: 'format', kind: 'string' },
  ];
}

/** Records with `inputs` and `targets` renamed, keys in the order of textColumns. */
async function* renamed(
  records: AsyncIterable<MixtureRecord>,
  fields: readonly [string, string],
): AsyncGenerator<Record<string, unknown>> {
  const columns = textColumns(fields);
  for await (const r of records) {
    const out: Record<string, unknown> = {};
    for (const c of columns) out[c.name] = (r as unknown as Record<string, unknown>)[c.from ?? c.name];
    yield out;
  }
}

/** The training shards of a text build: JSONL (optionally gzip) or parquet, `train-0000i-of-0000n.*`. */
export function writeTextShards(
  records: AsyncIterable<MixtureRecord>,
  total: number,
  o: TextShardOptions,
  onRecord?: () => void,
): Promise<ShardInfo[]> {
  const fields = o.fields ?? ['inputs', 'targets'];
  const plain = fields[0] === 'inputs' && fields[1] === 'targets';
  if (o.format === 'parquet')
    return writeParquetShards(
      records as unknown as AsyncIterable<Record<string, unknown>>,
      total,
      { dir: o.dir, prefix: 'train', shards: o.shards, columns: textColumns(fields) },
      onRecord,
    );
  return writeJsonlShards<unknown>(
    plain ? records : renamed(records, fields),
    total,
    { dir: o.dir, prefix: 'train', shards: o.shards, gzip: o.gzip },
    onRecord,
  );
}

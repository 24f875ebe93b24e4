// Node only: the packed output of a build in one call: shards (TFRecord or packed JSONL), then
// info.train.json and stats.train.json beside them.
import type { FeatureSpec, PackedRow } from '../../pack/options.js';
import { splitInfo, writeInfoJson, writeStatsJson } from '../info.js';
import { writePackedJsonlShards } from '../packed-jsonl.js';
import type { ShardInfo } from '../shard-file.js';
import { type PackStats, RowStats } from '../stats.js';
import { writeTfrecordShards } from './writer.js';

export interface PackedOutputOptions {
  dir: string;
  shards: number;
  format: 'tfrecord' | 'jsonl';
  /** The features the rows carry (featureSpecs(packOptions)). */
  features: readonly FeatureSpec[];
  /** Shard prefix; default `train.tfrecord` / `train.packed`. */
  prefix?: string;
  /** JSONL only. */
  gzip?: boolean;
  /** Extra details recorded under "flanmix" in info.train.json (layout, lengths, tokenizer…). */
  info?: Record<string, unknown>;
  onRow?: (row: PackedRow) => void;
}

export interface PackedOutput {
  shards: ShardInfo[];
  stats: PackStats;
  infoFile: ShardInfo;
  statsFile: ShardInfo;
}

export async function writePackedOutput(
  rows: AsyncIterable<PackedRow> | Iterable<PackedRow>,
  options: PackedOutputOptions,
): Promise<PackedOutput> {
  const stats = new RowStats(options.features);
  const observed = stats.observe(rows);
  const writerOptions = {
    dir: options.dir,
    shards: options.shards,
    prefix: options.prefix,
    onRow: options.onRow,
  };
  const shards =
    options.format === 'tfrecord'
      ? await writeTfrecordShards(observed, writerOptions)
      : await writePackedJsonlShards(observed, { ...writerOptions, gzip: options.gzip });
  const summary = stats.toJSON();
  const infoFile = await writeInfoJson(
    options.dir,
    splitInfo(options.features, options.shards, { format: options.format, ...options.info }),
  );
  const statsFile = await writeStatsJson(options.dir, summary);
  return { shards, stats: summary, infoFile, statsFile };
}

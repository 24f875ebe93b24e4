// info.train.json / stats.train.json beside the shards, in seqio's cached-task format: `features` maps
// each feature to exactly { dtype, shape } (seqio calls _feature_config(**desc) on it), `num_shards` is
// the shard count its file pattern `train.tfrecord-*-of-*{num_shards}` needs. flanmix's own details go
// under "flanmix", which seqio ignores.
import { join } from 'node:path';
import type { FeatureSpec } from '../pack/options.js';
import { ShardFile, type ShardInfo } from './shard-file.js';
import type { PackStats } from './stats.js';

export interface SplitInfo {
  features: Record<string, { dtype: 'int32' | 'string'; shape: (number | null)[] }>;
  num_shards: number;
  flanmix?: Record<string, unknown>;
}

export function splitInfo(
  specs: readonly FeatureSpec[],
  numShards: number,
  extra?: Record<string, unknown>,
): SplitInfo {
  const features: SplitInfo['features'] = {};
  for (const s of specs) features[s.name] = { dtype: s.dtype, shape: [...s.shape] };
  return { features, num_shards: numShards, ...(extra ? { flanmix: extra } : {}) };
}

async function writeJson(path: string, value: unknown): Promise<ShardInfo> {
  const file = new ShardFile(path);
  try {
    await file.write(`${JSON.stringify(value, null, 2)}\n`);
    return await file.close();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/** Writes `info.{split}.json` atomically. */
export function writeInfoJson(dir: string, info: SplitInfo, split = 'train'): Promise<ShardInfo> {
  return writeJson(join(dir, `info.${split}.json`), info);
}

/** Writes `stats.{split}.json` atomically. */
export function writeStatsJson(dir: string, stats: PackStats, split = 'train'): Promise<ShardInfo> {
  return writeJson(join(dir, `stats.${split}.json`), stats);
}

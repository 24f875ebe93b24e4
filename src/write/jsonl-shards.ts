import { join } from 'node:path';
import { ShardFile, type ShardInfo, shardName } from './shard-file.js';

const FLUSH_CHARS = 1 << 20;

export interface ShardLayout {
  dir: string;
  /** e.g. `train` → `train-00000-of-00008.jsonl`. */
  prefix: string;
  shards: number;
  gzip?: boolean;
}

/** Where record `i` of `total` goes: contiguous ranges, so the shard count never changes the content. */
export function shardBounds(total: number, shards: number): number[] {
  return Array.from({ length: shards + 1 }, (_, s) => Math.floor((s * total) / shards));
}

/**
 * Writes a stream of known length as JSONL shards, one object per line, each shard a contiguous range
 * of the stream. Shards are written one after another, atomically; on error the open one is removed.
 */
export async function writeJsonlShards<T>(
  records: AsyncIterable<T>,
  total: number,
  layout: ShardLayout,
  onRecord?: () => void,
): Promise<ShardInfo[]> {
  const bounds = shardBounds(total, layout.shards);
  const suffix = layout.gzip ? '.jsonl.gz' : '.jsonl';
  const open = (s: number) =>
    new ShardFile(join(layout.dir, shardName(layout.prefix, s, layout.shards, suffix)), {
      gzip: layout.gzip,
    });
  const infos: ShardInfo[] = [];
  let shard = 0;
  let file = open(0);
  let written = 0;
  // Lines are gathered into ~1 MiB writes: one await per record would leave the CPU idle on I/O.
  let pending = '';
  let pendingRecords = 0;
  const flush = async () => {
    if (pendingRecords === 0) return;
    await file.write(pending, pendingRecords);
    pending = '';
    pendingRecords = 0;
  };
  try {
    for await (const record of records) {
      while (written >= bounds[shard + 1]! && shard < layout.shards - 1) {
        await flush();
        infos.push(await file.close());
        file = open(++shard);
      }
      pending += `${JSON.stringify(record)}\n`;
      pendingRecords++;
      written++;
      if (pending.length >= FLUSH_CHARS) await flush();
      onRecord?.();
    }
    if (written !== total) throw new Error(`expected ${total} records, got ${written}`);
    await flush();
    infos.push(await file.close());
    while (++shard < layout.shards) infos.push(await open(shard).close());
    return infos;
  } catch (e) {
    await file.abort();
    throw e;
  }
}

import { join } from 'node:path';
import { ShardFile, type ShardInfo, shardName } from './shard-file.js';

const FLUSH_CHARS = 1 << 20;

/** A JSONL file written through ShardFile (atomic, hashed), in ~1 MiB writes rather than one per record. */
export class JsonlFile {
  private readonly file: ShardFile;
  private pending = '';
  private pendingRecords = 0;

  constructor(path: string, options: { gzip?: boolean } = {}) {
    this.file = new ShardFile(path, options);
  }

  async add(record: unknown): Promise<void> {
    this.pending += `${JSON.stringify(record)}\n`;
    this.pendingRecords++;
    if (this.pending.length >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingRecords === 0) return;
    const text = this.pending;
    const n = this.pendingRecords;
    this.pending = '';
    this.pendingRecords = 0;
    await this.file.write(text, n);
  }

  async close(): Promise<ShardInfo> {
    await this.flush();
    return this.file.close();
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/** Writes every record of an iterable to one JSONL file; removes the temporary file on failure. */
export async function writeJsonlFile(
  path: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<ShardInfo> {
  const file = new JsonlFile(path);
  try {
    for await (const r of records) await file.add(r);
    return await file.close();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

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

/** One shard being written: records go in, and it is closed (atomically, with its info) or aborted. */
export interface ShardSink<T> {
  add(record: T): Promise<void>;
  close(): Promise<ShardInfo>;
  abort(): Promise<void>;
}

/**
 * Writes a stream of known length into `shards` shards opened by `open`, each a contiguous range of the
 * stream (shardBounds), one after another; on error the open shard is aborted. Trailing shards of a stream
 * smaller than the shard count are written empty, so the names stay complete.
 */
export async function writeContiguousShards<T>(
  records: AsyncIterable<T>,
  total: number,
  shards: number,
  open: (shard: number) => ShardSink<T>,
  onRecord?: () => void,
): Promise<ShardInfo[]> {
  const bounds = shardBounds(total, shards);
  const infos: ShardInfo[] = [];
  let shard = 0;
  let file = open(0);
  let written = 0;
  try {
    for await (const record of records) {
      while (written >= bounds[shard + 1]! && shard < shards - 1) {
        infos.push(await file.close());
        file = open(++shard);
      }
      await file.add(record);
      written++;
      onRecord?.();
    }
    if (written !== total) throw new Error(`expected ${total} records, got ${written}`);
    infos.push(await file.close());
    while (++shard < shards) {
      file = open(shard);
      infos.push(await file.close());
    }
    return infos;
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/** Writes a stream of known length as JSONL shards, one object per line (see writeContiguousShards). */
export async function writeJsonlShards<T>(
  records: AsyncIterable<T>,
  total: number,
  layout: ShardLayout,
  onRecord?: () => void,
): Promise<ShardInfo[]> {
  const suffix = layout.gzip ? '.jsonl.gz' : '.jsonl';
  return writeContiguousShards(
    records,
    total,
    layout.shards,
    (s) =>
      new JsonlFile(join(layout.dir, shardName(layout.prefix, s, layout.shards, suffix)), {
        gzip: layout.gzip,
      }),
    onRecord,
  );
}

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { writeError } from './file-error.js';

export interface ShardInfo {
  /** File name relative to the output folder. */
  file: string;
  records: number;
  bytes: number;
  /** sha256 of the file as written (after compression, if any). */
  sha256: string;
}

/**
 * One output shard, written under a temporary name and renamed into place only when complete, so an
 * interrupted build never leaves a file that looks finished. Optionally gzip-compressed (level 9, no
 * timestamp in the header, so output stays byte-identical across runs).
 */
export class ShardFile {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private readonly gzip: Gzip | undefined;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private records = 0;
  private readonly finished: Promise<void>;

  constructor(
    private readonly path: string,
    options: { gzip?: boolean } = {},
  ) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.out = createWriteStream(this.tmp);
    this.gzip = options.gzip ? createGzip({ level: 9 }) : undefined;
    const sink = this.gzip ?? this.out;
    if (this.gzip) {
      let first = true;
      // Registered before pipe(), so it runs first: the gzip header's OS byte (9) depends on the platform
      // zlib was built for; 0xff ("unknown") keeps compressed shards identical across machines.
      this.gzip.on('data', (chunk: Buffer) => {
        if (first && chunk.length > 9) chunk[9] = 0xff;
        first = false;
        this.count(chunk);
      });
      this.gzip.pipe(this.out);
    }
    this.finished = new Promise((resolve, reject) => {
      const fail = (e: unknown) => reject(writeError(e, this.path));
      this.out.on('close', resolve);
      this.out.on('error', fail);
      sink.on('error', fail);
    });
    // close() awaits this; after abort() nobody does, and a late write error must not crash the process.
    this.finished.catch(() => {});
  }

  private count(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /**
   * Writes `records` records' bytes; resolves when the stream can take more (back-pressure). `done` is
   * called once the bytes have been written (or compressed) and `data` may be reused.
   */
  async write(data: Uint8Array | string, records = 1, done?: () => void): Promise<void> {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.records += records;
    if (!this.gzip) this.count(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
    const sink = this.gzip ?? this.out;
    // A stream that fails while we wait never drains: race the failure so the error surfaces.
    const more = done ? sink.write(buf, (e) => e || done()) : sink.write(buf);
    if (!more) await Promise.race([once(sink, 'drain'), this.finished]);
  }

  /** Flushes, renames into place and reports the shard. */
  async close(): Promise<ShardInfo> {
    (this.gzip ?? this.out).end();
    await this.finished;
    await rename(this.tmp, this.path).catch((e) => {
      throw writeError(e, this.path);
    });
    return {
      file: basename(this.path),
      records: this.records,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
    };
  }

  /** Removes the temporary file (on failure). */
  async abort(): Promise<void> {
    this.gzip?.destroy();
    // The stream opens its file asynchronously: removing it before the stream has closed could run before
    // the open and leave the file behind.
    const closed = this.out.closed ? Promise.resolve() : once(this.out, 'close');
    this.out.destroy();
    await closed;
    await rm(this.tmp, { force: true });
  }
}

/** `train-00003-of-00008.jsonl`: the Hugging Face / TFDS naming that trainers glob for. */
export function shardName(prefix: string, index: number, count: number, suffix: string): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `${prefix}-${pad(index)}-of-${pad(count)}${suffix}`;
}

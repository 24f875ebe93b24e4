import type { AsyncBuffer } from 'hyparquet';
import { SourceUnavailableError } from '../errors.js';
import type { RepoType } from './cache.js';
import { type HubClient, isNetworkError, isRetryableStatus, sleep } from './client.js';
import type { RemoteFile } from './download.js';
import { IdleWatch } from './idle.js';
import { BLOCK_SIZE, type RangeCache } from './range-cache.js';

/** The server answered a Range request with the whole file: the caller takes the whole-file path instead. */
export class NoRangeSupport extends Error {
  override name = 'NoRangeSupport';
}

class RangeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bytes a split's reads touched, counted in cache blocks, and bytes taken from the network this run. */
export interface ByteCounter {
  /** Distinct blocks touched × their length: the same whatever was cached before (goes in the manifest). */
  read: number;
  /** Bytes downloaded in this run (the build log). */
  fetched: number;
}

/**
 * Counts the distinct cache blocks a reader touches, whichever way the bytes arrive (a whole cached file or
 * range requests), so the figure in the manifest does not depend on what the cache held before.
 */
export class BlockTally {
  private readonly touched = new Set<number>();
  constructor(
    private readonly size: number,
    private readonly counter: ByteCounter,
  ) {}

  touch(start: number, end: number): void {
    if (end <= start) return;
    for (let b = Math.floor(start / BLOCK_SIZE); b * BLOCK_SIZE < end; b++) {
      if (this.touched.has(b)) continue;
      this.touched.add(b);
      this.counter.read += Math.min(BLOCK_SIZE, this.size - b * BLOCK_SIZE);
    }
  }
}

/** Wraps a buffer so every slice is tallied in blocks. */
export function tallied(buffer: AsyncBuffer, tally: BlockTally): AsyncBuffer {
  return {
    byteLength: buffer.byteLength,
    slice(start: number, end?: number) {
      tally.touch(start, Math.min(end ?? buffer.byteLength, buffer.byteLength));
      return buffer.slice(start, end);
    },
  };
}

export interface RemoteFileSource {
  client: HubClient;
  repo: string;
  commit: string;
  file: RemoteFile;
  type?: RepoType;
}

/**
 * A remote parquet file as hyparquet's AsyncBuffer: each slice is served from the range cache, and the blocks
 * missing there are fetched with HTTP range requests (runs of adjacent blocks in one request), so reading the
 * footer and a few row groups of a large file downloads only those bytes. Without `remote` (offline) a missing
 * block makes the split unavailable, naming the file.
 */
export class RemoteBuffer implements AsyncBuffer {
  readonly byteLength: number;
  private url: string | undefined;

  constructor(
    private readonly ranges: RangeCache,
    private readonly remote: RemoteFileSource | undefined,
    private readonly counter: ByteCounter,
    private readonly where: { dataset: string; task: string; display: string },
  ) {
    this.byteLength = ranges.size;
  }

  async slice(start: number, end?: number): Promise<ArrayBuffer> {
    const stop = Math.min(end ?? this.byteLength, this.byteLength);
    if (stop <= start) return new ArrayBuffer(0);
    const first = Math.floor(start / BLOCK_SIZE);
    const last = Math.floor((stop - 1) / BLOCK_SIZE);
    const blocks = new Map<number, Uint8Array>();
    // Fetch runs of missing blocks, one request each.
    for (let b = first; b <= last; ) {
      if (this.ranges.has(b)) {
        b++;
        continue;
      }
      let runEnd = b;
      while (runEnd + 1 <= last && !this.ranges.has(runEnd + 1)) runEnd++;
      const bytes = await this.fetch(b * BLOCK_SIZE, Math.min(this.byteLength, (runEnd + 1) * BLOCK_SIZE));
      for (let k = b; k <= runEnd; k++) {
        const block = bytes.subarray((k - b) * BLOCK_SIZE, (k - b) * BLOCK_SIZE + this.ranges.blockLength(k));
        blocks.set(k, block);
        await this.ranges.write(k, block).catch(() => undefined); // a read-only cache still reads
      }
      b = runEnd + 1;
    }
    const out = new Uint8Array(stop - start);
    for (let b = first; b <= last; b++) {
      const block = blocks.get(b) ?? this.ranges.read(b);
      const blockStart = b * BLOCK_SIZE;
      const from = Math.max(start, blockStart) - blockStart;
      const to = Math.min(stop, blockStart + block.length) - blockStart;
      out.set(block.subarray(from, to), blockStart + from - start);
    }
    return out.buffer;
  }

  /** GET bytes [start, end) with retries on network failures and 5xx/429. */
  private async fetch(start: number, end: number): Promise<Uint8Array> {
    const remote = this.remote;
    if (!remote)
      throw new SourceUnavailableError(
        this.where.dataset,
        this.where.task,
        `${this.where.display}: bytes ${start}-${end - 1} are not in the download cache, and flanmix is offline`,
      );
    const { settings } = remote.client;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchOnce(remote, start, end);
      } catch (e) {
        const retryable = isNetworkError(e) || (e instanceof RangeHttpError && isRetryableStatus(e.status));
        if (!retryable || attempt >= settings.retries) throw e;
        if (e instanceof RangeHttpError && e.status === 403) this.url = undefined; // an expired signed URL
        await sleep(Math.min(30_000, settings.retryDelayMs * 2 ** attempt));
      }
    }
  }

  private async fetchOnce(remote: RemoteFileSource, start: number, end: number): Promise<Uint8Array> {
    const { client, repo, commit, file } = remote;
    if (!this.url) {
      const info = await client.downloadInfo(repo, commit, file.path, remote.type ?? 'dataset');
      if (!info) throw new RangeHttpError(404, `${file.path} is not in ${repo} at ${commit}`);
      this.url = info.url;
    }
    const headers: Record<string, string> = { range: `bytes=${start}-${end - 1}` };
    // The token goes to the endpoint only, never to a CDN the resolve redirected to.
    if (client.settings.token && new URL(this.url).origin === new URL(client.settings.endpoint).origin)
      headers.authorization = `Bearer ${client.settings.token}`;
    const controller = new AbortController();
    const watch = new IdleWatch(controller, client.settings.stallTimeoutMs, file.path);
    try {
      const res = await client.fetch(this.url, { headers, signal: controller.signal });
      if (res.status === 200) {
        await res.body?.cancel();
        throw new NoRangeSupport(`${file.path}: the server ignores range requests`);
      }
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      if (res.status !== 206 || !res.body) {
        await res.body?.cancel();
        throw new RangeHttpError(
          res.status,
          `HTTP ${res.status} for bytes ${start}-${end - 1} of ${file.path}`,
        );
      }
      if (
        !range ||
        Number(range[1]) !== start ||
        Number(range[2]) !== end - 1 ||
        Number(range[3]) !== file.size
      ) {
        await res.body.cancel();
        throw new RangeHttpError(
          502,
          `${file.path}: the server sent ${res.headers.get('content-range') ?? 'no Content-Range'} for bytes ${start}-${end - 1}`,
        );
      }
      const out = new Uint8Array(end - start);
      let at = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        watch.bytes(value.length);
        if (at + value.length > out.length)
          throw new RangeHttpError(502, `${file.path}: more bytes than asked for`);
        out.set(value, at);
        at += value.length;
      }
      if (at !== out.length)
        throw new TypeError(`terminated: ${file.path} range ended at ${at} of ${out.length} bytes`);
      this.counter.fetched += out.length;
      return out;
    } catch (e) {
      throw watch.stall ?? e;
    } finally {
      watch.stop();
    }
  }
}

import type { AsyncBuffer } from 'hyparquet';
import { SourceUnavailableError } from '../errors.js';
import { BLOCK_SIZE, type RangeCache } from './range-cache.js';
import { RangeRequester, type RemoteFileSource } from './range-request.js';

export { NoRangeSupport, type RemoteFileSource } from './range-request.js';

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

/**
 * A remote parquet file as hyparquet's AsyncBuffer: each slice is served from the range cache, and the blocks
 * missing there are fetched with HTTP range requests (runs of adjacent blocks in one request), so reading the
 * footer and a few row groups of a large file downloads only those bytes. Without `remote` (offline) a missing
 * block makes the split unavailable, naming the file.
 */
export class RemoteBuffer implements AsyncBuffer {
  readonly byteLength: number;
  private readonly requester: RangeRequester | undefined;

  constructor(
    private readonly ranges: RangeCache,
    remote: RemoteFileSource | undefined,
    private readonly counter: ByteCounter,
    private readonly where: { dataset: string; task: string; display: string },
  ) {
    this.byteLength = ranges.size;
    this.requester = remote ? new RangeRequester(remote) : undefined;
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

  /** GET bytes [start, end) (retried; see range-request.ts); offline, a missing block makes the split unavailable. */
  private async fetch(start: number, end: number): Promise<Uint8Array> {
    if (!this.requester)
      throw new SourceUnavailableError(
        this.where.dataset,
        this.where.task,
        `${this.where.display}: bytes ${start}-${end - 1} are not in the download cache, and flanmix is offline`,
      );
    const bytes = await this.requester.read(start, end);
    this.counter.fetched += bytes.length;
    return bytes;
  }
}

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RepoCache } from './cache.js';
import { checkEtag, insideCache } from './safe.js';

/** Byte ranges are fetched and cached in aligned blocks of this size (the last block of a file is shorter). */
export const BLOCK_SIZE = 64 * 1024;

/**
 * The byte ranges of one remote file that a run has fetched, kept in the repo's cache folder as aligned blocks:
 * `.flanmix/ranges/{etag}/{block index}`. A rebuild reads them back instead of asking again, and an offline run
 * works from whatever was fetched. A block is written whole or not at all (temporary file, then rename).
 */
export class RangeCache {
  readonly folder: string;

  constructor(
    private readonly cache: RepoCache,
    etag: string,
    readonly size: number,
  ) {
    checkEtag(etag, cache.repo);
    this.folder = insideCache(cache.cacheDir, join(cache.folder, '.flanmix', 'ranges', etag));
  }

  get blocks(): number {
    return Math.ceil(this.size / BLOCK_SIZE);
  }

  /** Length of block `i`. */
  blockLength(i: number): number {
    return Math.min(BLOCK_SIZE, this.size - i * BLOCK_SIZE);
  }

  private path(i: number): string {
    return join(this.folder, String(i));
  }

  has(i: number): boolean {
    try {
      return statSync(this.path(i)).size === this.blockLength(i);
    } catch {
      return false;
    }
  }

  read(i: number): Uint8Array {
    return readFileSync(this.path(i));
  }

  async write(i: number, bytes: Uint8Array): Promise<void> {
    if (bytes.length !== this.blockLength(i)) return; // never keep a short block
    const dest = this.path(i);
    await mkdir(dirname(dest), { recursive: true });
    insideCache(this.cache.cacheDir, dest);
    const tmp = `${dest}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, bytes);
    await rename(tmp, dest);
  }
}

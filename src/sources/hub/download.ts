import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Progress, silentProgress } from '../../mixture/progress.js';
import type { RepoCache, RepoType } from './cache.js';
import { type HubClient, isNetworkError, isRetryableStatus, sleep } from './client.js';
import { IdleWatch } from './idle.js';
import { insideCache } from './safe.js';

/** A file of the tree listing: its repo path, size, and the ids that name and check its blob. */
export interface RemoteFile {
  path: string;
  size: number;
  /** The blob name: the LFS sha256 when the file is in LFS, else the git blob id. */
  etag: string;
  /** sha256 of the content (LFS files), checked after download. */
  sha256?: string;
  /** git blob id (sha1 of `blob {size}\0{content}`), checked after download for non-LFS files. */
  gitOid?: string;
}

/** HTTP answers that end a download: the file is not there for us. */
export class DownloadRefused extends Error {
  override name = 'DownloadRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A download failed for good (retries exhausted, or the content never matched its checksum). */
export class DownloadFailed extends Error {
  override name = 'DownloadFailed';
}

/**
 * Downloads one file into the cache: resolve through @huggingface/hub (which follows the redirect), then GET
 * the resolved URL into a temporary file beside the blob. A connection cut midway is resumed with a Range
 * request after a backoff; a stall (under 1 KiB in `stallTimeoutMs`, see idle.ts) counts as a cut. The finished file is
 * checked (size, and sha256 or git blob id) before it is renamed into `blobs/` and linked from `snapshots/`,
 * so the cache never holds a partial or corrupt blob; on failure the temporary file is removed.
 */
export async function downloadFile(
  client: HubClient,
  cache: RepoCache,
  repo: string,
  commit: string,
  file: RemoteFile,
  progress: Progress = silentProgress,
  type: RepoType = 'dataset',
): Promise<string> {
  const blob = cache.blobPath(file.etag);
  try {
    if ((await stat(blob)).size === file.size) return cache.link(commit, file.path, file.etag);
  } catch {
    // not cached yet
  }
  await mkdir(dirname(blob), { recursive: true });
  insideCache(cache.cacheDir, blob); // the folders exist now: none may be a link leading out of the cache
  await cache.removeStaleTemps(file.etag);
  const tmp = cache.tempPath(file.etag);
  const { settings } = client;
  progress.start(`${repo}: ${file.path}`, file.size, 'bytes');
  let attempt = 0;
  let lastError: unknown;
  const reported = { bytes: 0 };
  try {
    for (;;) {
      try {
        await fetchInto(client, repo, commit, file, tmp, progress, reported, type);
        await verify(tmp, file);
        await rename(tmp, blob);
        return await cache.link(commit, file.path, file.etag);
      } catch (e) {
        if (e instanceof DownloadRefused) throw e;
        const retryable =
          isNetworkError(e) ||
          e instanceof ChecksumMismatch ||
          (e instanceof HttpError && isRetryableStatus(e.status));
        if (!retryable) throw e;
        lastError = e;
        if (e instanceof ChecksumMismatch) await rm(tmp, { force: true });
        if (attempt >= settings.retries) break;
        await sleep(Math.min(30_000, settings.retryDelayMs * 2 ** attempt));
        attempt++;
      }
    }
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    progress.done();
  }
  await rm(tmp, { force: true });
  const why = lastError instanceof Error ? describe(lastError) : String(lastError);
  throw new DownloadFailed(`download of ${file.path} failed after ${attempt + 1} attempts: ${why}`);
}

function describe(e: Error): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code
    ? `${e.message} (${cause.code})`
    : cause?.message
      ? `${e.message} (${cause.message})`
      : e.message;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class ChecksumMismatch extends Error {}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** One attempt: resolve, then append the missing bytes to `tmp` (from its current size on). */
async function fetchInto(
  client: HubClient,
  repo: string,
  commit: string,
  file: RemoteFile,
  tmp: string,
  progress: Progress,
  reported: { bytes: number },
  type: RepoType,
): Promise<void> {
  let offset = await fileSize(tmp);
  if (offset > file.size) {
    await rm(tmp, { force: true });
    offset = 0;
  }
  if (offset === file.size && file.size > 0) return;
  let info: Awaited<ReturnType<HubClient['downloadInfo']>>;
  try {
    info = await client.downloadInfo(repo, commit, file.path, type);
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 401 || status === 403 || status === 404)
      throw new DownloadRefused(status, (e as Error).message);
    if (status !== undefined) throw new HttpError(status, (e as Error).message);
    throw e;
  }
  if (!info) throw new DownloadRefused(404, `${file.path} is not in ${repo} at ${commit}`);
  if (file.size === 0) {
    await (await open(tmp, 'w')).close();
    return;
  }

  const controller = new AbortController();
  const watch = new IdleWatch(controller, client.settings.stallTimeoutMs, file.path);
  const headers: Record<string, string> = {};
  if (offset > 0) headers.range = `bytes=${offset}-`;
  // The token goes to the endpoint only, never to a CDN the resolve redirected to.
  if (client.settings.token && new URL(info.url).origin === new URL(client.settings.endpoint).origin)
    headers.authorization = `Bearer ${client.settings.token}`;
  const handle = await open(tmp, offset > 0 ? 'r+' : 'w');
  try {
    const res = await client.fetch(info.url, { headers, signal: controller.signal });
    if (res.status === 401 || res.status === 403 || res.status === 404) {
      await res.body?.cancel();
      throw new DownloadRefused(res.status, `HTTP ${res.status} for ${file.path}`);
    }
    if (res.status === 416 && offset > 0) {
      // The server says there is nothing after `offset`: start over rather than guess.
      await res.body?.cancel();
      await handle.truncate(0);
      throw new HttpError(503, `HTTP 416 resuming ${file.path} at byte ${offset}`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new HttpError(res.status, `HTTP ${res.status} for ${file.path}`);
    }
    let position = offset;
    if (offset > 0) {
      const range = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
      if (res.status !== 206 || !range || Number(range[1]) !== offset) {
        // The server ignored the Range header: take the whole body from the start.
        await handle.truncate(0);
        position = 0;
      }
    }
    if (position > reported.bytes) {
      progress.advance(position - reported.bytes);
      reported.bytes = position;
    }
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      watch.bytes(value.length);
      let written = 0;
      while (written < value.length) {
        const { bytesWritten } = await handle.write(
          value,
          written,
          value.length - written,
          position + written,
        );
        written += bytesWritten;
      }
      position += value.length;
      if (position > reported.bytes) {
        progress.advance(position - reported.bytes);
        reported.bytes = position;
      }
      if (position > file.size)
        throw new ChecksumMismatch(`${file.path}: more bytes than the ${file.size} listed`);
    }
    if (position !== file.size) {
      const e = new TypeError(`terminated: ${file.path} ended at byte ${position} of ${file.size}`);
      throw e;
    }
  } catch (e) {
    throw watch.stall ?? e;
  } finally {
    watch.stop();
    await handle.close();
  }
}

/** Size and checksum of a finished download: sha256 for LFS files, the git blob id otherwise. */
async function verify(path: string, file: RemoteFile): Promise<void> {
  const size = await fileSize(path);
  if (size !== file.size) throw new ChecksumMismatch(`${file.path}: ${size} bytes, expected ${file.size}`);
  if (file.sha256) {
    const got = await hashFile(path, createHash('sha256'));
    if (got !== file.sha256)
      throw new ChecksumMismatch(`${file.path}: sha256 ${got}, expected ${file.sha256}`);
  } else if (file.gitOid) {
    const h = createHash('sha1');
    h.update(`blob ${size}\0`);
    const got = await hashFile(path, h);
    if (got !== file.gitOid)
      throw new ChecksumMismatch(`${file.path}: git blob id ${got}, expected ${file.gitOid}`);
  } else {
    // Never keep a file we could not check (an ETag that is no content hash is refused earlier).
    throw new DownloadFailed(`${file.path}: the Hub gave no checksum to verify it against`);
  }
}

async function hashFile(path: string, hash: ReturnType<typeof createHash>): Promise<string> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

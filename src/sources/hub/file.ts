import { statSync } from 'node:fs';
import type { Progress } from '../../mixture/progress.js';
import { FlanmixError } from '../../registry/errors.js';
import { SourceError } from '../errors.js';
import { RepoCache, type RepoType } from './cache.js';
import { HubClient, httpStatus, isNetworkError } from './client.js';
import { DownloadRefused, downloadFile } from './download.js';
import { checkEtag, checkRepoName, checkRepoPath, checkRevision } from './safe.js';
import { hubSettings, redact } from './settings.js';

export interface HubFileRequest {
  /** `owner/name`. */
  repo: string;
  /** Path in the repo, e.g. `tokenizer.json`. */
  path: string;
  /** Branch, tag, ref (`refs/pr/3`) or commit sha; default `main`. */
  revision?: string;
  /** Default `model`. */
  type?: RepoType;
}

export interface HubFileOptions {
  endpoint?: string;
  token?: string;
  cacheDir?: string;
  offline?: boolean;
  progress?: Progress;
  /** Default: process.env (HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE / HF_HOME, HF_HUB_OFFLINE). */
  env?: Record<string, string | undefined>;
}

export interface HubFile {
  /** The file in the cache (`…/snapshots/{commit}/{path}`). */
  path: string;
  commit: string;
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * One file of a Hub repo (a model's `tokenizer.json`, say), through the same client, cache layout, resumed
 * and verified download as the dataset source. Cached files are reused offline, or when the network is down.
 * Errors are FlanmixErrors; the token never appears in them.
 */
export async function hubFile(request: HubFileRequest, options: HubFileOptions = {}): Promise<HubFile> {
  const { env = process.env, progress, ...spec } = options;
  const settings = hubSettings({ kind: 'hub', ...spec }, env);
  const type = request.type ?? 'model';
  const revision = request.revision ?? 'main';
  const what = `${request.repo}@${revision}: ${request.path}`;
  // Names that become file names are checked before anything is asked or written (see safe.ts).
  checkRepoName(request.repo, what);
  checkRevision(revision, what);
  checkRepoPath(request.path, what);
  const cache = new RepoCache(settings.cacheDir, request.repo, type);
  // A snapshot link is made only after a verified download, so its presence means the file is complete.
  const cached = (): HubFile | undefined => {
    const commit = SHA.test(revision) ? revision : cache.readRef(revision);
    if (!commit) return undefined;
    const path = cache.snapshotPath(commit, request.path);
    return sizeOf(path) === undefined ? undefined : { path, commit };
  };
  if (settings.offline) {
    const hit = cached();
    if (hit) return hit;
    throw new SourceError(
      `${what} is not in the download cache ${settings.cacheDir}, and flanmix is offline`,
    );
  }
  const client = new HubClient(settings);
  let fallback: HubFile | undefined;
  try {
    const commit = SHA.test(revision)
      ? revision
      : await client.retry(
          () => client.commit(request.repo, revision, type),
          () => {
            fallback = cached();
            return fallback !== undefined;
          },
        );
    await cache.writeRef(revision, commit).catch(() => undefined);
    const snapshot = cache.snapshotPath(commit, request.path);
    if (sizeOf(snapshot) !== undefined) return { path: snapshot, commit };
    const info = await client.retry(() => client.downloadInfo(request.repo, commit, request.path, type));
    if (!info) throw new SourceError(`${what}: not found (HTTP 404)`);
    const etag = checkEtag(info.etag.replace(/^W\//, '').replaceAll('"', ''), what);
    const path = await downloadFile(
      client,
      cache,
      request.repo,
      commit,
      {
        path: request.path,
        size: info.size,
        etag,
        ...(/^[0-9a-f]{64}$/.test(etag) ? { sha256: etag } : {}),
        ...(/^[0-9a-f]{40}$/.test(etag) ? { gitOid: etag } : {}),
      },
      progress,
      type,
    );
    return { path, commit };
  } catch (e) {
    if (fallback && isNetworkError(e)) return fallback;
    if (e instanceof FlanmixError) throw e;
    const status = e instanceof DownloadRefused ? e.status : httpStatus(e);
    const detail = redact(e instanceof Error ? e.message : String(e), settings.token);
    if (status === 401 || status === 403)
      throw new SourceError(`${what}: access refused (HTTP ${status}); set HF_TOKEN to a token with access`);
    if (status === 404) throw new SourceError(`${what}: not found (HTTP 404)`);
    throw new SourceError(`${what}: ${detail}`);
  }
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size; // follows the snapshot symlink to the blob
  } catch {
    return undefined;
  }
}

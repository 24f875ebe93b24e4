import {
  datasetInfo,
  type FileDownloadInfoOutput,
  fileDownloadInfo,
  HubApiError,
  type ListFileEntry,
  listFiles,
  modelInfo,
} from '@huggingface/hub';
import type { RepoType } from './cache.js';
import type { HubSettings } from './settings.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** A failure of the connection itself (refused, reset, cut off, timed out), as opposed to an HTTP answer. */
export function isNetworkError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const err = x as { name?: string; message?: string; code?: string };
    if (err.code && NETWORK_CODES.has(err.code)) return true;
    if (err.name === 'TimeoutError' || err.name === 'StallError') return true;
    if (err.name === 'TypeError' && /fetch failed|terminated|network/i.test(err.message ?? '')) return true;
  }
  return false;
}

/** HTTP answers worth another try: rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function httpStatus(e: unknown): number | undefined {
  return e instanceof HubApiError ? e.statusCode : undefined;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The calls flanmix makes to the Hub, through @huggingface/hub: the revision (to pin a commit sha), the tree
 * listing, and the file resolve. Every call carries a User-Agent and a timeout; network failures, 429 and 5xx
 * are retried with exponential backoff.
 */
export class HubClient {
  constructor(readonly settings: HubSettings) {}

  /** fetch with our User-Agent and a timeout unless the caller brings its own signal. */
  readonly fetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('user-agent')) headers.set('user-agent', this.settings.userAgent);
    return fetch(input, {
      ...init,
      headers,
      signal: init?.signal ?? AbortSignal.timeout(this.settings.requestTimeoutMs),
    });
  };

  private get common() {
    return {
      hubUrl: this.settings.endpoint,
      fetch: this.fetch,
      ...(this.settings.token ? { accessToken: this.settings.token as `hf_${string}` } : {}),
    };
  }

  /** Runs `fn`, retrying network failures and retryable statuses; `onNetworkError` may cut the retries short. */
  async retry<T>(fn: () => Promise<T>, onNetworkError?: () => boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const status = httpStatus(e);
        const network = isNetworkError(e);
        if (!network && !(status !== undefined && isRetryableStatus(status))) throw e;
        if (network && onNetworkError?.()) throw e;
        if (attempt >= this.settings.retries) throw e;
        await sleep(Math.min(30_000, this.settings.retryDelayMs * 2 ** attempt));
      }
    }
  }

  /** The commit sha a revision points at (`GET /api/datasets/{repo}/revision/{revision, URL-encoded}`). */
  async commit(repo: string, revision: string, type: RepoType = 'dataset'): Promise<string> {
    const params = { name: repo, revision, additionalFields: ['sha' as const], ...this.common };
    const info = type === 'dataset' ? await datasetInfo(params) : await modelInfo(params);
    const sha = (info as { sha?: unknown }).sha;
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha))
      throw new Error(`the Hub did not return a commit sha for ${repo}@${revision}`);
    return sha;
  }

  /** Every file under `path` at a commit (`GET /api/datasets/{repo}/tree/{commit}/{path}?recursive=true`); null if the path is missing. */
  async tree(repo: string, commit: string, path?: string): Promise<ListFileEntry[] | null> {
    const out: ListFileEntry[] = [];
    try {
      for await (const entry of listFiles({
        repo: { type: 'dataset', name: repo },
        revision: commit,
        recursive: true,
        ...(path ? { path } : {}),
        ...this.common,
      })) {
        if (entry.type === 'file') out.push(entry);
      }
    } catch (e) {
      if (path && httpStatus(e) === 404) return null;
      throw e;
    }
    return out;
  }

  /** Resolves a file (`GET /datasets/{repo}/resolve/{commit}/{path}`, Range 0-0, redirects followed): its URL, size, etag. */
  async downloadInfo(
    repo: string,
    commit: string,
    path: string,
    type: RepoType = 'dataset',
  ): Promise<FileDownloadInfoOutput | null> {
    return fileDownloadInfo({
      repo: { type, name: repo },
      revision: commit,
      path,
      ...this.common,
    });
  }
}

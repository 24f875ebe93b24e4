import type { RepoType } from './cache.js';
import { type HubClient, isNetworkError, isRetryableStatus, sleep } from './client.js';
import type { RemoteFile } from './download.js';
import { IdleWatch } from './idle.js';

/** The server answered a Range request with the whole file: the caller takes the whole-file path instead. */
export class NoRangeSupport extends Error {
  override name = 'NoRangeSupport';
}

/** An HTTP answer other than the 206 asked for (the status decides whether to retry). */
export class RangeHttpError extends Error {
  override name = 'RangeHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RemoteFileSource {
  client: HubClient;
  repo: string;
  commit: string;
  file: RemoteFile;
  type?: RepoType;
}

/**
 * Byte ranges of one remote file: resolves the file once (the Hub's resolve URL and its redirect), then GETs
 * exactly the bytes asked for, with retries on network failures and 5xx/429, the idle timeout, and the token
 * sent to the endpoint only (never to a CDN the resolve redirected to).
 */
export class RangeRequester {
  private url: string | undefined;

  constructor(readonly remote: RemoteFileSource) {}

  /** Bytes [start, end) of the file. */
  async read(start: number, end: number): Promise<Uint8Array> {
    const { settings } = this.remote.client;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.readOnce(start, end);
      } catch (e) {
        const retryable = isNetworkError(e) || (e instanceof RangeHttpError && isRetryableStatus(e.status));
        if (!retryable || attempt >= settings.retries) throw e;
        if (e instanceof RangeHttpError && e.status === 403) this.url = undefined; // an expired signed URL
        await sleep(Math.min(30_000, settings.retryDelayMs * 2 ** attempt));
      }
    }
  }

  private async readOnce(start: number, end: number): Promise<Uint8Array> {
    const { client, repo, commit, file } = this.remote;
    if (!this.url) {
      const info = await client.downloadInfo(repo, commit, file.path, this.remote.type ?? 'dataset');
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
      return out;
    } catch (e) {
      throw watch.stall ?? e;
    } finally {
      watch.stop();
    }
  }
}

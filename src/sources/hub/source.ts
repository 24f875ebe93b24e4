import type { ListFileEntry } from '@huggingface/hub';
import type { AsyncBuffer } from 'hyparquet';
import type { Progress } from '../../mixture/progress.js';
import { FlanmixError } from '../../registry/errors.js';
import type { TaskRef } from '../../registry/load.js';
import { type HubSourceEntry, hubSources } from '../../registry/sources.js';
import { SourceError, SourceUnavailableError } from '../errors.js';
import { CorruptFileError, ParquetFileTable } from '../parquet.js';
import { emptySlice, manualHint } from '../shared.js';
import { evalSplitFrom, trainingSliceFrom } from '../slice.js';
import { SpillStore } from '../spill.js';
import { ConcatTable, type RowTable } from '../table.js';
import type {
  DataSource,
  EvalOptions,
  EvalSplit,
  PrepareOptions,
  SliceOptions,
  SourceOrigin,
  SplitInfo,
  TrainingSlice,
} from '../types.js';
import { RepoCache, type SplitIndex } from './cache.js';
import { HubClient, httpStatus, isNetworkError } from './client.js';
import { DownloadFailed, DownloadRefused, downloadFile, type RemoteFile } from './download.js';
import { firstWorkingSource } from './fallback.js';
import { matchSplitFiles, parquetFolders } from './match.js';
import {
  BadPullRequestListing,
  isOpenPrWildcard,
  openPullRequestRefs,
  pinnedPullRequests,
} from './pull-requests.js';
import { RangeCache } from './range-cache.js';
import { BlockTally, type ByteCounter, NoRangeSupport, RemoteBuffer, tallied } from './remote-buffer.js';
import { checkRepoPath, checkRevision } from './safe.js';
import { type HubSettings, redact } from './settings.js';

interface ResolvedSplit {
  /** 1-based position of the source in the task's list, and why earlier ones were passed over. */
  source?: number;
  passedOver?: string[];
  repo: string;
  config: string;
  revision: string;
  commit: string;
  split: string;
  files: RemoteFile[];
  cache: RepoCache;
}

const SHA = /^[0-9a-f]{40}$/;

interface Opened {
  table: RowTable;
  origin: SourceOrigin;
  /** The split's size in bytes. */
  bytes: number;
  counter: ByteCounter;
}

/** The origin with the bytes the read touched, once it is done. */
function withBytes(origin: SourceOrigin, opened: Opened): SourceOrigin {
  return { ...origin, bytes: { read: opened.counter.read, total: opened.bytes } };
}

/**
 * Parquet files from the Hugging Face Hub (or a mirror), through @huggingface/hub, cached in the Hugging Face
 * cache layout. Each split: resolve the registry's revision to a commit sha (recorded in the origin), find
 * the split's parquet files in the tree at that commit (see match.ts for the rule), download what is not
 * cached (resumed and verified), then read rows one row group at a time. An offline run, or a run whose
 * network is down, uses the cache alone.
 */
export class HubSource implements DataSource {
  readonly kind = 'hub' as const;
  private readonly client: HubClient;
  private readonly store = new SpillStore();
  /** Set when the network failed and the cache answered: later calls skip the network too. */
  private networkDown = false;
  /** Revisions resolved in this run (`repo@revision` → sha): one call per repo, one commit per repo per build. */
  private readonly commits = new Map<string, string>();
  /** The commits a rebuild pinned (`--from-manifest`): they tell `refs/pr/*` which pull request it read. */
  private readonly pinned: ReadonlyMap<string, string>;

  constructor(
    readonly settings: HubSettings,
    /** Files that take precedence over the Hub, task split by task split (the manual datasets' local folder). */
    private readonly local?: DataSource,
  ) {
    this.client = new HubClient(settings);
    for (const [key, sha] of Object.entries(settings.commits)) this.commits.set(key, sha);
    this.pinned = new Map(Object.entries(settings.commits));
  }

  async trainingSlice(ref: TaskRef, options: SliceOptions): Promise<TrainingSlice> {
    if (this.local?.has?.(ref, 'train')) return this.local.trainingSlice(ref, options);
    if (ref.task.splits.train === null) return emptySlice(ref, { kind: 'hub', files: [] });
    const opened = await this.open(ref, 'train', options.progress);
    const { table, origin } = opened;
    try {
      const slice = await this.guard(origin, () =>
        trainingSliceFrom(table, ref, this.store, origin, options),
      );
      return { ...slice, origin: withBytes(origin, opened) };
    } finally {
      await table.close();
      this.logBytes(ref, opened, options.progress);
    }
  }

  async evalSplit(ref: TaskRef, options: EvalOptions): Promise<EvalSplit> {
    if (this.local?.has?.(ref, 'test')) return this.local.evalSplit(ref, options);
    const opened = await this.open(ref, 'test', options.progress);
    const { table, origin } = opened;
    try {
      const split = await this.guard(origin, () => evalSplitFrom(table, ref, this.store, origin, options));
      return { ...split, origin: withBytes(origin, opened) };
    } finally {
      await table.close();
      this.logBytes(ref, opened, options.progress);
    }
  }

  async prepare(ref: TaskRef, role: 'train' | 'test', options: PrepareOptions = {}): Promise<SplitInfo> {
    if (this.local?.has?.(ref, role) && this.local.prepare) return this.local.prepare(ref, role);
    const split = role === 'train' ? ref.task.splits.train : ref.task.splits.test;
    if (split === null)
      return { ref, role, rows: 0, bytes: 0, origin: { kind: 'hub', files: [] }, missing: [] };
    if (options.check) {
      // A check never touches the network: what the cache knows of the first source it knows, or missing.
      this.assertOnHub(ref, split);
      const sources = hubSources(ref.task);
      const found = sources.map((entry) => this.cachedSplit(entry, split)).findIndex(Boolean);
      if (found < 0) {
        const { repo, config, revision } = sources[0]!;
        const origin: SourceOrigin = { kind: 'hub', repo, config, revision, split, files: [] };
        return {
          ref,
          role,
          rows: null,
          bytes: null,
          origin,
          missing: [`${repo} ${config}/${split} at ${revision}`],
        };
      }
      const r = { ...this.cachedSplit(sources[found]!, split)!, ...(found > 0 ? { source: found + 1 } : {}) };
      const origin = this.origin(r);
      const bytes = r.files.reduce((n, f) => n + f.size, 0);
      const missing = r.files.filter((f) => !r.cache.cachedFile(r.commit, f.path, f.size)).map((f) => f.path);
      if (missing.length) return { ref, role, rows: null, bytes, origin, missing };
      const table = await this.tables(ref, r, { read: 0, fetched: 0 }, 'files');
      await table.close();
      return { ref, role, rows: table.numRows, bytes, origin, missing };
    }
    const { table, origin, bytes } = await this.open(ref, role, options.progress);
    await table.close();
    return { ref, role, rows: table.numRows, bytes, origin, missing: [] };
  }

  /** The build log's line per task split: bytes fetched from the network this run, of those the read touched. */
  private logBytes(ref: TaskRef, opened: Opened, progress: Progress | undefined): void {
    const { read, fetched } = opened.counter;
    progress?.note?.(
      `${ref.key}: ${opened.origin.split}: fetched ${mib(fetched)} from the Hub, read ${mib(read)} of ${mib(opened.bytes)}`,
    );
  }

  async close(): Promise<void> {
    this.store.close();
    await this.local?.close();
  }

  private origin(r: ResolvedSplit): SourceOrigin {
    return {
      kind: 'hub',
      repo: r.repo,
      config: r.config,
      revision: r.revision,
      commit: r.commit,
      split: r.split,
      files: r.files.map((f) => f.path),
      ...(r.source !== undefined ? { source: r.source } : {}),
      ...(r.passedOver?.length ? { passedOver: r.passedOver } : {}),
    };
  }

  /** A manual task, unless local files answer it, is unavailable with what to supply. */
  private assertOnHub(ref: TaskRef, split: string): void {
    if (hubSources(ref.task).length > 0) return;
    const hint = this.local?.hint?.(ref, split) ?? manualHint(ref);
    throw new SourceUnavailableError(ref.dataset.id, ref.task.id, `not on the Hub: ${hint}`);
  }

  /**
   * Opens the split from the first of the task's sources that works (resolves, has parquet files for the
   * split, and has the registry's columns); see fallback.ts for what passes a source over.
   */
  private async open(ref: TaskRef, role: 'train' | 'test', progress: Progress | undefined): Promise<Opened> {
    const split = role === 'train' ? ref.task.splits.train! : ref.task.splits.test;
    this.assertOnHub(ref, split);
    const { value, source, passedOver } = await firstWorkingSource(ref, (s) =>
      this.openFrom(ref, s, split, progress),
    );
    const origin: SourceOrigin = { ...value.origin, source, ...(passedOver.length ? { passedOver } : {}) };
    return { ...value, origin };
  }

  /**
   * Resolves one source and opens the split's files as one table: whole files from the cache when they are
   * all there; by range requests (footer, then the row groups a read needs; range-cache.ts) when the split
   * is at least `rangeMinBytes` and the server serves ranges; otherwise downloaded whole and verified.
   */
  private async openFrom(
    ref: TaskRef,
    entry: HubSourceEntry,
    split: string,
    progress: Progress | undefined,
  ): Promise<Opened> {
    const r = await this.resolve(ref, entry, split);
    const total = r.files.reduce((n, f) => n + f.size, 0);
    const counter: ByteCounter = { read: 0, fetched: 0 };
    const offline = this.settings.offline || this.networkDown;
    const whole = r.files.every((f) => r.cache.cachedFile(r.commit, f.path, f.size));
    if (!whole && (offline || total >= this.settings.rangeMinBytes)) {
      // Range reads keep their blocks under the index's files, so an offline run can find them.
      if (!offline) await this.writeIndex(r);
      try {
        const table = await this.tables(ref, r, counter, offline ? 'offline' : 'ranges');
        return { table, origin: this.origin(r), bytes: total, counter };
      } catch (e) {
        if (!(e instanceof NoRangeSupport)) throw e;
        // The server ignores Range: take the whole-file path.
      }
    }
    for (const f of r.files) {
      if (r.cache.cachedFile(r.commit, f.path, f.size)) continue;
      if (offline)
        throw this.unavailable(
          ref,
          `${r.repo}: ${f.path} is not in the download cache ${this.settings.cacheDir} and flanmix is offline`,
        );
      try {
        await downloadFile(this.client, r.cache, r.repo, r.commit, f, progress);
        counter.fetched += f.size;
      } catch (e) {
        throw this.failure(ref, e, `${r.repo}: ${f.path}`);
      }
    }
    if (!offline) await this.writeIndex(r);
    const table = await this.tables(ref, r, counter, 'files');
    return { table, origin: this.origin(r), bytes: total, counter };
  }

  /** The split's file list, so that an offline run knows which files (or byte ranges) to look for. */
  private async writeIndex(r: ResolvedSplit): Promise<void> {
    const index: SplitIndex = {
      repo: r.repo,
      config: r.config,
      split: r.split,
      revision: r.revision,
      commit: r.commit,
      files: r.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag })),
    };
    try {
      await r.cache.writeIndex(r.commit, r.config, r.split, index);
    } catch {
      // a read-only cache still works; offline runs will then need the network
    }
  }

  /**
   * Opens the split's files (cached whole, or remote by ranges), counting the bytes each read touches; a
   * corrupt file is removed from the cache (with the split index) before the error.
   */
  private async tables(
    ref: TaskRef,
    r: ResolvedSplit,
    counter: ByteCounter,
    mode: 'files' | 'ranges' | 'offline',
  ): Promise<RowTable> {
    const parts: RowTable[] = [];
    const where = `${ref.dataset.id}/${ref.task.id}`;
    try {
      for (const f of r.files) {
        const tally = new BlockTally(f.size, counter);
        const ctx = {
          where,
          columns: Object.keys(ref.task.columns),
          wrap: (b: AsyncBuffer) => tallied(b, tally),
        };
        const path = r.cache.cachedFile(r.commit, f.path, f.size);
        if (path) {
          parts.push(await ParquetFileTable.open(path, f.path, ctx));
          continue;
        }
        if (mode === 'files')
          throw new SourceError(`${where}: ${r.repo}: ${f.path} vanished from the download cache`);
        const remote =
          mode === 'ranges' ? { client: this.client, repo: r.repo, commit: r.commit, file: f } : undefined;
        const buffer = new RemoteBuffer(new RangeCache(r.cache, f.etag, f.size), remote, counter, {
          dataset: ref.dataset.id,
          task: ref.task.id,
          display: f.path,
        });
        parts.push(await ParquetFileTable.fromBuffer(buffer, f.path, f.path, ctx));
      }
    } catch (e) {
      for (const p of parts) await p.close();
      if (e instanceof CorruptFileError) await this.evict(r, e);
      throw e;
    }
    return parts.length === 1 ? parts[0]! : new ConcatTable(parts);
  }

  private async evict(r: ResolvedSplit, e: CorruptFileError): Promise<void> {
    await r.cache.remove(r.commit, e.display);
    await r.cache.removeIndex(r.commit, r.config, r.split);
    e.message += ' (removed from the download cache)';
  }

  /** Row-group read errors: a corrupt file leaves the cache too. */
  private async guard<T>(origin: SourceOrigin, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof CorruptFileError && origin.commit && origin.repo && origin.config && origin.split) {
        const cache = new RepoCache(this.settings.cacheDir, origin.repo);
        await cache.remove(origin.commit, e.display);
        await cache.removeIndex(origin.commit, origin.config, origin.split);
        e.message += ' (removed from the download cache)';
      }
      throw e;
    }
  }

  /** One source's commit and the split's files as the download cache knows them, without the network. */
  private cachedSplit(source: HubSourceEntry, split: string): ResolvedSplit | undefined {
    const { repo, config, revision } = source;
    if (isOpenPrWildcard(revision)) {
      // Offline, `refs/pr/*` is only what a rebuild pinned: the listing of open pull requests needs the Hub.
      for (const pr of pinnedPullRequests(this.pinned, repo)) {
        const found = this.cachedSplit({ ...source, revision: pr }, split);
        if (found) return found;
      }
      return undefined;
    }
    const cache = new RepoCache(this.settings.cacheDir, repo);
    // A revision pinned by a rebuild (`--from-manifest`) reads its pinned commit, offline too.
    const commit = SHA.test(revision)
      ? revision
      : (this.commits.get(`${repo}@${revision}`) ?? cache.readRef(revision));
    if (!commit) return undefined;
    const index = cache.readIndex(commit, config, split);
    if (!index) return undefined;
    // Files not cached whole are read from the range cache (offline: what earlier runs fetched).
    const files = index.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag }));
    return { repo, config, revision, commit, split, files, cache };
  }

  /** One source's commit and the split's files: from the cache when it knows them, else from the Hub. */
  private async resolve(ref: TaskRef, source: HubSourceEntry, split: string): Promise<ResolvedSplit> {
    const { repo, config, revision } = source;
    const where = `${ref.dataset.id}/${ref.task.id}`;
    if (isOpenPrWildcard(revision)) return this.resolveOpenPr(ref, source, split);
    // Names that become file names in the cache are checked before anything is asked (see safe.ts).
    checkRevision(revision, `${where}: ${repo}`);
    checkRepoPath(config, `${where}: ${repo}`);
    checkRepoPath(split, `${where}: ${repo}`);
    const cache = new RepoCache(this.settings.cacheDir, repo);
    const fromCache = () => this.cachedSplit(source, split);

    if (this.settings.offline || this.networkDown) {
      const cached = fromCache();
      if (cached) return cached;
      throw this.unavailable(
        ref,
        `${repo} (${config}, ${split}, ${revision}) is not complete in the download cache (--cache-dir), and flanmix is offline`,
      );
    }

    // Online. A network failure falls back to the cache at once (as huggingface_hub does) when it can answer.
    let fallback: ResolvedSplit | undefined;
    const useCache = () => {
      fallback = fromCache();
      if (fallback) this.networkDown = true;
      return fallback !== undefined;
    };
    let commit = SHA.test(revision) ? revision : this.commits.get(`${repo}@${revision}`);
    if (!commit) {
      try {
        commit = await this.client.retry(() => this.client.commit(repo, revision), useCache);
      } catch (e) {
        if (fallback) return fallback;
        throw this.failure(ref, e, `${repo} at revision ${revision}`);
      }
      this.commits.set(`${repo}@${revision}`, commit);
      await cache.writeRef(revision, commit).catch(() => undefined);
    }
    const index = cache.readIndex(commit, config, split);
    if (index) {
      const files = index.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag }));
      return { repo, config, revision, commit, split, files, cache };
    }
    let entries: ListFileEntry[];
    let paths: string[];
    let files: string[];
    try {
      entries = (await this.client.retry(() => this.client.tree(repo, commit, config))) ?? [];
      paths = entries.map((e) => e.path);
      files = matchSplitFiles(paths, config, split);
      if (files.length === 0) {
        entries = (await this.client.retry(() => this.client.tree(repo, commit))) ?? [];
        paths = entries.map((e) => e.path);
        files = matchSplitFiles(paths, config, split);
      }
    } catch (e) {
      throw this.failure(ref, e, `${repo}: file listing at ${revision}`);
    }
    if (files.length === 0) {
      const have = parquetFolders(paths);
      throw this.unavailable(
        ref,
        `${repo} has no parquet files for config "${config}", split "${split}" at ${revision} (${commit.slice(0, 12)})${
          have.length
            ? `; parquet folders there: ${have.join(', ')}`
            : '; it has no parquet files at that revision'
        }`,
      );
    }
    const byPath = new Map(entries.map((e) => [e.path, e]));
    return {
      repo,
      config,
      revision,
      commit,
      split,
      files: files.map((p) => remoteFile(byPath.get(p)!, `${ref.dataset.id}/${ref.task.id}: ${repo}`)),
      cache,
    };
  }

  /**
   * `refs/pr/*`: the commits a rebuild pinned first, then the repo's open pull requests newest first; the
   * first whose tree has the split's files wins, and the origin names that concrete `refs/pr/N`.
   */
  private async resolveOpenPr(ref: TaskRef, source: HubSourceEntry, split: string): Promise<ResolvedSplit> {
    const { repo, config } = source;
    const tried = new Set<string>();
    const first = async (revisions: string[]) => {
      for (const revision of revisions) {
        if (tried.has(revision)) continue;
        tried.add(revision);
        try {
          return await this.resolve(ref, { ...source, revision }, split);
        } catch (e) {
          if (!(e instanceof SourceUnavailableError)) throw e;
        }
      }
      return undefined;
    };
    const pinned = await first(pinnedPullRequests(this.pinned, repo));
    if (pinned) return pinned;
    if (this.settings.offline || this.networkDown)
      throw this.unavailable(
        ref,
        `${repo}@${source.revision} needs the Hub's list of open pull requests, and flanmix is offline`,
      );
    let listed: string[];
    try {
      listed = await openPullRequestRefs(this.client, repo);
    } catch (e) {
      if (e instanceof BadPullRequestListing)
        throw new SourceError(`${ref.dataset.id}/${ref.task.id}: ${e.message}`);
      throw this.failure(ref, e, `${repo}: open pull request listing`);
    }
    const found = await first(listed);
    if (found) return found;
    throw this.unavailable(
      ref,
      `no open pull request of ${repo} has ${config}/… parquet files for split "${split}" (${
        listed.length ? `tried ${listed.join(', ')}` : 'it has none open'
      })`,
    );
  }

  private unavailable(ref: TaskRef, reason: string): SourceUnavailableError {
    return new SourceUnavailableError(ref.dataset.id, ref.task.id, redact(reason, this.settings.token));
  }

  /** Maps a failed Hub call to our errors: 401/403/404 make the dataset unavailable; the rest is a failure. */
  private failure(ref: TaskRef, e: unknown, what: string): FlanmixError {
    if (e instanceof FlanmixError) return e;
    const status = e instanceof DownloadRefused ? e.status : httpStatus(e);
    const detail = redact(e instanceof Error ? e.message : String(e), this.settings.token);
    const where = `${ref.dataset.id}/${ref.task.id}`;
    if (status === 401 || status === 403) {
      const hint = this.settings.token
        ? 'the token in HF_TOKEN has no access to it (accept the dataset terms on the Hub, or use another token)'
        : 'the repo is gated or private (or does not exist): set HF_TOKEN to a token with access';
      return this.unavailable(ref, `access refused (HTTP ${status}) for ${what}: ${hint}`);
    }
    if (status === 404) return this.unavailable(ref, `not found (HTTP 404): ${what}`);
    if (e instanceof DownloadFailed)
      return new SourceError(`${where}: ${redact(e.message, this.settings.token)}`);
    if (isNetworkError(e))
      return new SourceError(
        `${where}: network failure reaching ${this.settings.endpoint} for ${what} after ${this.settings.retries} retries: ${detail}`,
      );
    if (e instanceof TypeError && /access token/i.test(detail))
      return new SourceError(
        `${where}: HF_TOKEN is not a Hugging Face access token (it must start with "hf_")`,
      );
    return new SourceError(`${where}: ${what}: ${status ? `HTTP ${status}: ` : ''}${detail}`);
  }
}

/** A listed file, its names checked: a hostile listing must not name a path or blob outside the cache. */
function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 2 : 1)} MiB`;
}

export function remoteFile(e: ListFileEntry, where: string): RemoteFile {
  checkRepoPath(e.path, where);
  if (!Number.isSafeInteger(e.size) || e.size < 0)
    throw new SourceError(
      `${where}: the tree listing gives ${e.path} an invalid size ${JSON.stringify(e.size)}`,
    );
  if (e.lfs) {
    if (!/^[0-9a-f]{64}$/.test(e.lfs.oid))
      throw new SourceError(
        `${where}: refusing the LFS id ${JSON.stringify(e.lfs.oid)} of ${e.path}: expected a sha256`,
      );
    return { path: e.path, size: e.size, etag: e.lfs.oid, sha256: e.lfs.oid };
  }
  if (!e.oid || !/^[0-9a-f]{40}$/.test(e.oid))
    throw new SourceError(`${where}: the tree listing gives no valid git id for ${e.path}`);
  return { path: e.path, size: e.size, etag: e.oid, gitOid: e.oid };
}

import type { ListFileEntry } from '@huggingface/hub';
import type { FileMetaData } from 'hyparquet';
import { FlanmixError } from '../../registry/errors.js';
import type { TaskRef } from '../../registry/load.js';
import { type HubSourceEntry, hubSources } from '../../registry/sources.js';
import { columnProblems, parquetColumnTypes } from '../column-types.js';
import type { CheckReport, CheckVerdict, TaskCheck } from './check-schema.js';
import { HubClient, httpStatus, isNetworkError } from './client.js';
import type { RemoteFile } from './download.js';
import { readRemoteFooter, UnreadableFooter } from './footer.js';
import { matchSplitFiles, parquetFolders } from './match.js';
import { BadPullRequestListing, isOpenPrWildcard, openPullRequestRefs } from './pull-requests.js';
import { NoRangeSupport, RangeHttpError, RangeRequester } from './range-request.js';
import { checkRepoPath, checkRevision } from './safe.js';
import { type HubSettings, redact } from './settings.js';
import { remoteFile } from './source.js';

type Role = 'train' | 'eval';
type Failure = TaskCheck['failures'][number];
type Split = TaskCheck['splits'][number];

/** A source that is not good for a split: the next one is tried, as a build would. */
class PassedOver extends Error {
  constructor(
    readonly problem: 'missing' | 'mismatch',
    reason: string,
  ) {
    super(reason);
  }
}

/** A split that cannot be checked (network, no range support, unreadable footer): no later source is tried. */
class Unchecked extends Error {}

export interface CheckHubOptions {
  /** Called as each task is done, in order (the CLI's progress line). */
  onTask?: (check: TaskCheck, done: number, total: number) => void;
  /** Footers read at once within a split (default 4). */
  concurrency?: number;
}

/**
 * Checks the tasks' Hub sources without reading row data: for each task split, the sources are tried in
 * registry order (the revision resolved, the tree listed, the split's parquet files matched as a build matches
 * them), and each file's footer is read by exact range requests and its columns and types compared with the
 * registry's. Rows from the footers are compared with the registry's `sizes`. A network failure that outlasts
 * the retries marks that task `error` and the tasks after it not checked. Writes nothing anywhere.
 */
export async function checkHubSources(
  refs: readonly TaskRef[],
  settings: HubSettings,
  options: CheckHubOptions = {},
): Promise<CheckReport> {
  const checker = new HubChecker(settings, options.concurrency ?? 4);
  const report: CheckReport = [];
  for (const [i, ref] of refs.entries()) {
    const down = checker.networkDown;
    const check = down ? notChecked(ref, down) : await checker.task(ref);
    report.push(check);
    options.onTask?.(check, i + 1, refs.length);
  }
  return report;
}

interface Found {
  split: Split;
  index: number;
}

class HubChecker {
  private readonly client: HubClient;
  /** `repo@revision` → its commit (a rejection is kept too: train and eval ask once). */
  private readonly commits = new Map<string, Promise<string>>();
  private readonly trees = new Map<string, Promise<ListFileEntry[] | null>>();
  /** repo → its open pull requests' refs, newest first (`refs/pr/*` sources). */
  private readonly pullRequests = new Map<string, Promise<string[]>>();
  /** Why the endpoint is taken to be down, once a network failure outlasted the retries. */
  networkDown: string | undefined;

  constructor(
    readonly settings: HubSettings,
    private readonly concurrency: number,
  ) {
    this.client = new HubClient(settings);
  }

  async task(ref: TaskRef): Promise<TaskCheck> {
    const base = { dataset: ref.dataset.id, task: ref.task.id, key: ref.key };
    const sources = hubSources(ref.task);
    if (sources.length === 0)
      return { ...base, verdict: 'manual', source: null, splits: [], failures: [], footerBytes: 0 };
    const roles: [Role, string][] = [];
    if (ref.task.splits.train !== null) roles.push(['train', ref.task.splits.train]);
    roles.push(['eval', ref.task.splits.test]);

    const counter = { bytes: 0 };
    const splits: Split[] = [];
    const failures: Failure[] = [];
    const used: number[] = [];
    let verdict: CheckVerdict | undefined;
    for (const [role, split] of roles) {
      let found: Found | undefined;
      const mine: Failure[] = [];
      for (const [i, source] of sources.entries()) {
        try {
          found = { split: await this.split(ref, source, i + 1, role, split, counter), index: i + 1 };
          break;
        } catch (e) {
          const { problem, reason } = this.classify(e);
          mine.push({ ...sourceOf(source, i + 1), role, problem, reason });
          if (problem === 'error') break;
        }
      }
      failures.push(...mine);
      if (found) {
        splits.push(found.split);
        used.push(found.index);
        continue;
      }
      splits.push(emptySplit(ref, role, split));
      // The worst outcome over the splits: error, then mismatch, then missing.
      const mark: CheckVerdict = mine.some((f) => f.problem === 'error')
        ? 'error'
        : mine.some((f) => f.problem === 'mismatch')
          ? 'mismatch'
          : 'missing';
      if (verdict === undefined || rank(mark) > rank(verdict)) verdict = mark;
    }
    verdict ??= used.every((i) => i === 1) ? 'ok' : 'fell back';
    const source = splits.find((s) => s.source)?.source ?? null;
    return { ...base, verdict, source, splits, failures, footerBytes: counter.bytes };
  }

  /** One source for one split: its files and their footers; throws PassedOver or Unchecked. */
  private async split(
    ref: TaskRef,
    entry: HubSourceEntry,
    index: number,
    role: Role,
    split: string,
    counter: { bytes: number },
  ): Promise<Split> {
    const { repo, config, revision } = entry;
    const where = `${ref.dataset.id}/${ref.task.id}: ${repo}`;
    if (isOpenPrWildcard(revision)) return this.openPrSplit(ref, entry, index, role, split, counter);
    checkRevision(revision, where);
    checkRepoPath(config, where);
    checkRepoPath(split, where);
    const commit = await this.call(`${repo} at revision ${revision}`, () => this.commit(repo, revision));
    const listing = `${repo}: file listing at ${revision}`;
    let entries = (await this.call(listing, () => this.tree(repo, commit, config))) ?? [];
    let paths = entries.map((e) => e.path);
    let matched = matchSplitFiles(paths, config, split);
    if (matched.length === 0) {
      entries = (await this.call(listing, () => this.tree(repo, commit))) ?? [];
      paths = entries.map((e) => e.path);
      matched = matchSplitFiles(paths, config, split);
    }
    if (matched.length === 0) {
      const have = parquetFolders(paths);
      throw new PassedOver(
        'missing',
        `${repo} has no parquet files for config "${config}", split "${split}" at ${revision} (${commit.slice(0, 12)})${
          have.length
            ? `; parquet folders there: ${have.join(', ')}`
            : '; it has no parquet files at that revision'
        }`,
      );
    }
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const files = matched.map((p) => remoteFile(byPath.get(p)!, where));
    const footer = (f: RemoteFile) => this.footer(repo, commit, f, counter);
    // The first file alone: when it does not fit, the other footers need not be read.
    const first = await footer(files[0]!);
    fits(ref, files[0]!, first);
    const rest = await mapLimit(files.slice(1), this.concurrency, footer);
    for (const [i, m] of rest.entries()) fits(ref, files[i + 1]!, m);
    const rows = [first, ...rest].reduce((n, m) => n + Number(m.num_rows), 0);
    const size = role === 'train' ? ref.task.sizes?.train : ref.task.sizes?.eval;
    const partial = matched.some((p) => p.split('/').includes(`partial-${split}`));
    return {
      role,
      split,
      source: { index, repo, config, revision, commit },
      files: matched,
      rows,
      bytes: files.reduce((n, f) => n + f.size, 0),
      registryRows: size?.rows ?? null,
      sizeWarning:
        size && size.rows !== rows
          ? `${role} has ${rows.toLocaleString('en-US')} rows, the registry says ${size.rows.toLocaleString('en-US')} (from ${size.from})${
              partial ? `; the files are in partial-${split}/, a split the Hub's converter truncated` : ''
            }`
          : null,
    };
  }

  /** `refs/pr/*` as a build resolves it: the first open pull request, newest first, with the split's files. */
  private async openPrSplit(
    ref: TaskRef,
    entry: HubSourceEntry,
    index: number,
    role: Role,
    split: string,
    counter: { bytes: number },
  ): Promise<Split> {
    const { repo, config } = entry;
    let listing = this.pullRequests.get(repo);
    if (!listing) {
      listing = openPullRequestRefs(this.client, repo);
      listing.catch(() => undefined); // kept for the next split; handled where it is awaited
      this.pullRequests.set(repo, listing);
    }
    let refs: string[];
    try {
      refs = await this.call(`${repo}: open pull request listing`, () => listing);
    } catch (e) {
      if (e instanceof BadPullRequestListing) throw new Unchecked(e.message);
      throw e;
    }
    for (const revision of refs) {
      try {
        return await this.split(ref, { ...entry, revision }, index, role, split, counter);
      } catch (e) {
        // A pull request without the split's files is passed over; one with them wins, whatever its columns.
        if (!(e instanceof PassedOver && e.problem === 'missing')) throw e;
      }
    }
    throw new PassedOver(
      'missing',
      `no open pull request of ${repo} has ${config}/… parquet files for split "${split}" (${
        refs.length ? `tried ${refs.join(', ')}` : 'it has none open'
      })`,
    );
  }

  private async footer(repo: string, commit: string, file: RemoteFile, counter: { bytes: number }) {
    const requester = new RangeRequester({ client: this.client, repo, commit, file });
    try {
      const { metadata, bytes } = await readRemoteFooter(requester, file.size);
      counter.bytes += bytes;
      return metadata;
    } catch (e) {
      if (e instanceof UnreadableFooter)
        throw new Unchecked(`${file.path}: not a readable parquet footer: ${e.message}`);
      if (e instanceof NoRangeSupport)
        throw new Unchecked(
          `${file.path}: the server ignores range requests, and check reads footers only (it downloads no files)`,
        );
      if (e instanceof RangeHttpError && e.status === 404)
        throw new PassedOver('missing', `not found (HTTP 404): ${repo}: ${file.path}`);
      return this.call(`${repo}: ${file.path}`, () => Promise.reject(e));
    }
  }

  private commit(repo: string, revision: string): Promise<string> {
    const key = `${repo}@${revision}`;
    let p = this.commits.get(key);
    if (!p) {
      p = this.client.retry(() => this.client.commit(repo, revision));
      p.catch(() => undefined); // kept for the next split; handled where it is awaited
      this.commits.set(key, p);
    }
    return p;
  }

  private tree(repo: string, commit: string, path?: string): Promise<ListFileEntry[] | null> {
    const key = `${repo}@${commit}:${path ?? ''}`;
    let p = this.trees.get(key);
    if (!p) {
      p = this.client.retry(() => this.client.tree(repo, commit, path));
      p.catch(() => undefined);
      this.trees.set(key, p);
    }
    return p;
  }

  /** Runs a Hub call; 404, 401 and 403 pass the source over (as a build does), other failures leave the split unchecked. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof PassedOver || e instanceof Unchecked || e instanceof FlanmixError) throw e;
      const status = httpStatus(e) ?? (e instanceof RangeHttpError ? e.status : undefined);
      if (status === 404) throw new PassedOver('missing', `not found (HTTP 404): ${what}`);
      if (status === 401 || status === 403)
        throw new PassedOver(
          'missing',
          `access refused (HTTP ${status}) for ${what}: ${
            this.settings.token
              ? 'the token in HF_TOKEN has no access to it'
              : 'the repo is gated or private (or does not exist): set HF_TOKEN to a token with access'
          }`,
        );
      const detail = e instanceof Error ? e.message : String(e);
      if (isNetworkError(e)) {
        const why = `network failure reaching ${this.settings.endpoint} for ${what} after ${this.settings.retries} retries: ${detail}`;
        this.networkDown = why;
        throw new Unchecked(why);
      }
      throw new Unchecked(`${what}: ${status ? `HTTP ${status}: ` : ''}${detail}`);
    }
  }

  private classify(e: unknown): { problem: Failure['problem']; reason: string } {
    const token = this.settings.token;
    if (e instanceof PassedOver) return { problem: e.problem, reason: redact(e.message, token) };
    if (e instanceof Unchecked || e instanceof FlanmixError)
      return { problem: 'error', reason: redact(e.message, token) };
    throw e; // a bug, not a finding
  }
}

/** Throws PassedOver when a file's columns do not fit the registry's. */
function fits(ref: TaskRef, file: RemoteFile, metadata: FileMetaData): void {
  const types = parquetColumnTypes(metadata);
  const problems = columnProblems(ref.task.columns, types);
  if (problems.length === 0) return;
  const missing = problems.some((p) => p.endsWith('is missing'));
  throw new PassedOver(
    'mismatch',
    `${file.path}: ${problems.join('; ')}${missing ? ` (the file has ${[...types.keys()].join(', ')})` : ''}`,
  );
}

const rank = (v: CheckVerdict) => ['missing', 'mismatch', 'error'].indexOf(v);

function sourceOf(s: HubSourceEntry, index: number) {
  return { index, repo: s.repo, config: s.config, revision: s.revision };
}

function emptySplit(ref: TaskRef, role: Role, split: string): Split {
  const size = role === 'train' ? ref.task.sizes?.train : ref.task.sizes?.eval;
  return {
    role,
    split,
    source: null,
    files: [],
    rows: null,
    bytes: null,
    registryRows: size?.rows ?? null,
    sizeWarning: null,
  };
}

/** A task after the endpoint went down: an error naming why, nothing asked. Manual tasks stay manual. */
function notChecked(ref: TaskRef, why: string): TaskCheck {
  const base = { dataset: ref.dataset.id, task: ref.task.id, key: ref.key };
  const sources = hubSources(ref.task);
  if (sources.length === 0)
    return { ...base, verdict: 'manual', source: null, splits: [], failures: [], footerBytes: 0 };
  const role: Role = ref.task.splits.train === null ? 'eval' : 'train';
  return {
    ...base,
    verdict: 'error',
    source: null,
    splits: [],
    failures: [{ ...sourceOf(sources[0]!, 1), role, problem: 'error', reason: `not checked: ${why}` }],
    footerBytes: 0,
  };
}

/** `fn` over `items`, at most `limit` at once, results in item order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

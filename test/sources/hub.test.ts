// The Hub source against a real HTTP server on 127.0.0.1 that imitates the Hub endpoints @huggingface/hub
// calls (test/sources/hub-server.ts). No mocks of the client, no network.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/progress-bar.js';
import { getTask } from '../../src/registry/index.js';
import {
  type DataSource,
  hubFile,
  openSource,
  SamplesSource,
  SourceError,
  SourceUnavailableError,
  type TrainingSlice,
} from '../../src/sources/index.js';
import { trainingSliceFrom } from '../../src/sources/slice.js';
import { MemoryStore } from '../../src/sources/spill.js';
import { ArrayTable } from '../../src/sources/table.js';
import {
  commitId,
  manyRteRows,
  registry,
  rte,
  rteParquet,
  rteRows,
  tempDir,
  withSource,
} from './fixtures.js';
import { FakeHub, sha256 } from './hub-server.js';

const MAIN = commitId('super_glue main');
const TRAIN = 'rte/train-00000-of-00001.parquet';
const VALIDATION = 'rte/validation-00000-of-00001.parquet';
const validationRows = [...rteRows].reverse();

let hub: FakeHub;
let cache: { path: string; remove: () => void };
const opened: DataSource[] = [];

function superGlue(files: Record<string, Uint8Array> = {}) {
  return {
    refs: { main: MAIN },
    commits: {
      [MAIN]: {
        'README.md': new TextEncoder().encode('---\npretty_name: SuperGLUE\n---\n'),
        'cb/train-00000-of-00001.parquet': rteParquet(rteRows.slice(0, 3)),
        [TRAIN]: rteParquet(rteRows),
        [VALIDATION]: rteParquet(validationRows),
        ...files,
      },
    },
  };
}

function hubSource(extra: Record<string, unknown> = {}, env: Record<string, string> = {}): DataSource {
  const s = openSource(
    {
      kind: 'hub',
      endpoint: hub.url,
      cacheDir: cache.path,
      retries: 2,
      retryDelayMs: 5,
      stallTimeoutMs: 2000,
      ...extra,
    },
    env,
  );
  opened.push(s);
  return s;
}

const repoDir = (repo: string) => join(cache.path, `datasets--${repo.replace('/', '--')}`);

/**
 * Every file under a folder (symlinks followed), for "nothing partial left" and "no token written" checks. The
 * folder must exist: an empty listing of a folder that is not there would pass whatever the code did.
 */
function allFiles(dir: string): string[] {
  expect(existsSync(dir), `${dir} should exist`).toBe(true);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .filter((p) => existsSync(p) && statSync(p).isFile());
}

function examples(slice: TrainingSlice) {
  return {
    train: Array.from({ length: slice.train.size }, (_, i) => slice.train.get(i)),
    validation: Array.from({ length: slice.validation.size }, (_, i) => slice.validation.get(i)),
  };
}

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  cache = tempDir('hub-cache');
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  await hub.stop();
  cache.remove();
});

describe('Hub source: download and read', () => {
  it('resolves the revision to a commit, downloads into the Hugging Face cache layout, and reads rows', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    const slice = await hubSource().trainingSlice(rte, { seed: 3, cap: 30000 });

    expect(slice.origin).toEqual({
      kind: 'hub',
      repo: 'aps/super_glue',
      config: 'rte',
      revision: 'main',
      commit: MAIN,
      split: 'train',
      files: [TRAIN],
      source: 1,
      // A file under one 64 KiB cache block: the read touched all of it.
      bytes: { read: rteParquet(rteRows).length, total: rteParquet(rteRows).length },
    });
    expect(slice.counts).toMatchObject({ rows: 14, read: 14, examples: 14, train: 11, validation: 3 });
    expect(slice.counts.rowGroups).toEqual({ read: 1, total: 1 });

    // Same rows, same seed, same task: the Hub slice is exactly the samples slice (bigint labels included).
    const samples = new SamplesSource();
    expect(examples(slice)).toEqual(examples(await samples.trainingSlice(rte, { seed: 3, cap: 30000 })));
    await samples.close();

    // The cache: refs/main → commit; snapshots/{commit}/{path} → relative symlink to blobs/{sha256}.
    const dir = repoDir('aps/super_glue');
    expect(readFileSync(join(dir, 'refs', 'main'), 'utf8')).toBe(MAIN);
    const snap = join(dir, 'snapshots', MAIN, 'rte', 'train-00000-of-00001.parquet');
    expect(lstatSync(snap).isSymbolicLink()).toBe(true);
    expect(realpathSync(snap)).toBe(realpathSync(join(dir, 'blobs', sha256(rteParquet(rteRows)))));
    expect(existsSync(join(dir, 'snapshots', MAIN, 'cb'))).toBe(false);

    // The client's calls: revision, tree listing, resolve (redirected to the CDN), download.
    const urls = hub.requests.map((r) => r.url);
    expect(urls.some((u) => u.startsWith('/api/datasets/aps/super_glue/revision/main'))).toBe(true);
    expect(
      urls.some((u) => u.startsWith(`/api/datasets/aps/super_glue/tree/${MAIN}/rte?recursive=true`)),
    ).toBe(true);
    expect(urls).toContain(`/datasets/aps/super_glue/resolve/${MAIN}/${TRAIN}`);
    expect(urls).toContain(`/cdn/${sha256(rteParquet(rteRows))}`);
  });

  it('reads the test split in source order, and stops at the limit', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    const split = await hubSource().evalSplit(rte, { limit: 5 });
    expect(split.origin.split).toBe('validation');
    expect(split.origin.files).toEqual([VALIDATION]);
    expect(split.pool.size).toBe(5);
    expect(split.counts).toMatchObject({ rows: 14, read: 5, examples: 5 });
    expect(split.pool.get(0).fields.premise).toBe(validationRows[0]!.premise);
    expect(split.pool.get(4).fields.hypothesis).toBe(validationRows[4]!.hypothesis);
  });

  it('follows the Link header of a paginated tree listing', async () => {
    hub.pageSize = 1;
    hub.addRepo('aps/super_glue', superGlue());
    const slice = await hubSource().trainingSlice(rte, { seed: 0, cap: 5 });
    expect(slice.train.size).toBe(5);
    // The rte/ folder holds two files: one page each, the second reached through the Link header's cursor.
    const tree = `/api/datasets/aps/super_glue/tree/${MAIN}/rte?recursive=true&expand=false`;
    expect(hub.requests.filter((r) => r.url.includes('/tree/')).map((r) => r.url)).toEqual([
      tree,
      `${tree}&cursor=1`,
    ]);
  });

  it('URL-encodes a revision like refs/convert/parquet, records the ref, and reads {config}/{split}/000N.parquet', async () => {
    const commit = commitId('converted');
    hub.addRepo('someone/converted', {
      refs: { 'refs/convert/parquet': commit },
      commits: {
        [commit]: {
          'rte/train/0000.parquet': rteParquet(rteRows.slice(0, 6)),
          'rte/train/0001.parquet': rteParquet(rteRows.slice(6)),
          'rte/validation/0000.parquet': rteParquet(validationRows),
          'other/train/0000.parquet': rteParquet(rteRows.slice(0, 2)),
        },
      },
    });
    const ref = withSource(rte, { repo: 'someone/converted', revision: 'refs/convert/parquet' });
    const slice = await hubSource().trainingSlice(ref, { seed: 3, cap: 30000 });
    expect(slice.origin).toMatchObject({
      revision: 'refs/convert/parquet',
      commit,
      files: ['rte/train/0000.parquet', 'rte/train/0001.parquet'],
    });
    expect(hub.requests.map((r) => r.url)).toContainEqual(
      expect.stringMatching(/^\/api\/datasets\/someone\/converted\/revision\/refs%2Fconvert%2Fparquet\?/),
    );
    expect(
      readFileSync(join(repoDir('someone/converted'), 'refs', 'refs', 'convert', 'parquet'), 'utf8'),
    ).toBe(commit);
    // Two files end to end are the same 14 rows: same slice as the samples.
    const samples = new SamplesSource();
    expect(examples(slice)).toEqual(examples(await samples.trainingSlice(rte, { seed: 3, cap: 30000 })));
    await samples.close();
  });

  it('keeps the token out of every output: cache files, progress, errors', async () => {
    const token = 'hf_secretTOKEN0123456789';
    hub.addRepo('aps/super_glue', { ...superGlue(), token });
    let drawn = '';
    const bar = new ProgressBar(
      (t) => {
        drawn += t;
      },
      { intervalMs: 0 },
    );
    const slice = await hubSource({}, { HF_TOKEN: token }).trainingSlice(rte, {
      seed: 1,
      cap: 10,
      progress: bar,
    });
    expect(slice.train.size).toBe(10);
    expect(drawn).toContain('rte/train-00000-of-00001.parquet');
    expect(drawn).not.toContain(token);
    for (const f of allFiles(cache.path)) expect(readFileSync(f).includes(token)).toBe(false);
    expect(
      hub.requests
        .filter((r) => r.url.startsWith('/api/'))
        .every((r) => r.authorization === `Bearer ${token}`),
    ).toBe(true);
    // A wrong token: 403, and the message names neither token.
    const wrong = 'hf_wrongTOKEN9876543210';
    const other = tempDir('other');
    const err = await hubSource({ cacheDir: other.path }, { HF_TOKEN: wrong })
      .trainingSlice(rte, { seed: 1, cap: 10 })
      .catch((e: unknown) => e);
    other.remove();
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as Error).message).toMatch(/access refused \(HTTP 403\)/);
    expect((err as Error).message).not.toContain(wrong);
    expect((err as Error).message).not.toContain(token);
  });
});

describe('Hub source: cache', () => {
  it('serves a cached split with the server stopped, online or offline, with no download', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    const first = examples(await hubSource().trainingSlice(rte, { seed: 5, cap: 30000 }));
    const downloads = hub.requests.filter((r) => r.url.startsWith('/cdn/')).length;

    // Server up: a second run asks for the revision but downloads nothing.
    const again = await hubSource().trainingSlice(rte, { seed: 5, cap: 30000 });
    expect(examples(again)).toEqual(first);
    expect(hub.requests.filter((r) => r.url.startsWith('/cdn/')).length).toBe(downloads);

    await hub.stop();
    // Online settings, network down: the cache answers at once.
    const down = await hubSource().trainingSlice(rte, { seed: 5, cap: 30000 });
    expect(examples(down)).toEqual(first);
    expect(down.origin.commit).toBe(MAIN);
    // Offline (HF_HUB_OFFLINE=1), no server.
    const offline = await hubSource({}, { HF_HUB_OFFLINE: '1' }).trainingSlice(rte, { seed: 5, cap: 30000 });
    expect(examples(offline)).toEqual(first);
  });

  it('offline without the split in the cache: unavailable, saying so', async () => {
    const err = await hubSource({ offline: true })
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as SourceUnavailableError).reason).toMatch(/not complete in the download cache .* offline/);
    expect(hub.requests).toEqual([]);
  });

  it('no server and no cache: a network failure after the retries, naming the endpoint', async () => {
    await hub.stop();
    const err = await hubSource()
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(
      /^rte\/rte: network failure reaching http:\/\/127\.0\.0\.1:\d+ for aps\/super_glue/,
    );
  });
});

describe('Hub source: failures', () => {
  it('404: an unknown repo is unavailable, naming dataset, task and repo', async () => {
    const ref = withSource(rte, { repo: 'nobody/nothing' });
    const err = await hubSource()
      .trainingSlice(ref, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err).toMatchObject({ dataset: 'rte', task: 'rte' });
    expect((err as SourceUnavailableError).reason).toMatch(
      /^not found \(HTTP 404\): nobody\/nothing at revision main/,
    );
  });

  it('404: a config or split with no parquet files is unavailable and shows what the repo has', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    const err = await hubSource()
      .trainingSlice(withSource(rte, { config: 'rtee' }), { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as SourceUnavailableError).reason).toMatch(
      /aps\/super_glue has no parquet files for config "rtee", split "train" at main .*parquet folders there: cb, rte/,
    );
  });

  it('404: a listed file that the resolve endpoint does not have', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.unresolvable.add(TRAIN);
    const err = await hubSource()
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as SourceUnavailableError).reason).toMatch(
      /not found \(HTTP 404\): aps\/super_glue: rte\/train-00000/,
    );
  });

  it('401: a gated or private repo without HF_TOKEN is unavailable, with a hint', async () => {
    hub.addRepo('aps/super_glue', { ...superGlue(), token: 'hf_gatedTOKEN' });
    const err = await hubSource()
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as SourceUnavailableError).reason).toMatch(/access refused \(HTTP 401\).*set HF_TOKEN/);
    expect(hub.requests.every((r) => !r.authorized)).toBe(true);
  });

  it('retries API calls that answer 503, with backoff', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.unavailableApiCalls = 2;
    const slice = await hubSource().trainingSlice(rte, { seed: 0, cap: 3 });
    expect(slice.train.size).toBe(3);
    expect(hub.requests.filter((r) => r.url.includes('/revision/')).length).toBe(3);
    hub.unavailableApiCalls = 10;
    const err = await hubSource({ cacheDir: join(cache.path, 'none') })
      .trainingSlice(rte, { seed: 0, cap: 3 })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^rte\/rte: aps\/super_glue at revision main: HTTP 503: Service Unavailable/,
    );
  });

  it('a download cut off midway is resumed with a Range request and verified', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.cut = { times: 1, afterBytes: 300 };
    const slice = await hubSource().trainingSlice(rte, { seed: 2, cap: 30000 });
    expect(slice.counts.rows).toBe(14);
    const cdn = hub.requests.filter((r) => r.url.startsWith('/cdn/'));
    expect(cdn.map((r) => r.range)).toContain('bytes=300-');
    const blob = join(repoDir('aps/super_glue'), 'blobs', sha256(rteParquet(rteRows)));
    expect(sha256(readFileSync(blob))).toBe(sha256(rteParquet(rteRows)));
  });

  it('a download that keeps failing leaves nothing partial in the cache', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.cut = { times: 100, afterBytes: 300 };
    const err = await hubSource()
      .trainingSlice(rte, { seed: 2, cap: 30000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(
      /^rte\/rte: download of rte\/train-00000-of-00001\.parquet failed after 3 attempts: terminated/,
    );
    expect(allFiles(join(repoDir('aps/super_glue'), 'blobs'))).toEqual([]);
    // The only file of the repo's cache folder is the ref: no blob, no snapshot link, no temporary file.
    expect(allFiles(repoDir('aps/super_glue'))).toEqual([join(repoDir('aps/super_glue'), 'refs', 'main')]);
  });

  it('a corrupt parquet file: an error naming dataset, task and file, and the file leaves the cache', async () => {
    const bytes = rteParquet(rteRows);
    const corrupt = new Uint8Array(bytes);
    corrupt.fill(7, corrupt.length - 40, corrupt.length - 4); // the footer's metadata and its length
    hub.addRepo('aps/super_glue', superGlue({ [TRAIN]: corrupt }));
    const err = await hubSource()
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).not.toBeInstanceOf(SourceUnavailableError);
    expect((err as Error).message).toMatch(
      /^rte\/rte: rte\/train-00000-of-00001\.parquet: not a readable parquet file: .* \(removed from the download cache\)$/,
    );
    expect(existsSync(join(repoDir('aps/super_glue'), 'blobs', sha256(corrupt)))).toBe(false);
    expect(existsSync(join(repoDir('aps/super_glue'), 'snapshots', MAIN, TRAIN))).toBe(false);
  });

  it('a column missing against the registry: an error naming dataset, task, file and column', async () => {
    hub.addRepo('aps/super_glue', superGlue({ [TRAIN]: rteParquet(rteRows, { drop: ['hypothesis'] }) }));
    const err = await hubSource()
      .trainingSlice(rte, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(
      'rte/rte: rte/train-00000-of-00001.parquet: column "hypothesis" is missing (the registry expects premise, hypothesis, label; the file has premise, idx, label)',
    );
  });

  it('a manual dataset is unavailable from the Hub and says what to supply', async () => {
    const ref = getTask(registry, 'story_cloze');
    const err = await hubSource()
      .trainingSlice(ref, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect((err as SourceUnavailableError).reason).toMatch(
      /^not on the Hub: StoryCloze 2016 .*--data-dir DIR/,
    );
    expect(hub.requests).toEqual([]);
  });
});

describe('Hub source: a capped read of a large split', () => {
  it('reads only the row groups that hold the drawn rows, and gives the same slice as a full read', async () => {
    const rows = manyRteRows(20000);
    hub.addRepo('aps/super_glue', superGlue({ [TRAIN]: rteParquet(rows, { rowGroupSize: 100 }) }));
    const slice = await hubSource().trainingSlice(rte, { seed: 11, cap: 40, validationSize: 10 });
    expect(slice.train.size).toBe(40);
    expect(slice.validation.size).toBe(10);
    expect(slice.counts.rows).toBe(20000);
    expect(slice.counts.read).toBeLessThan(100);
    expect(slice.counts.rowGroups!.total).toBe(200);
    expect(slice.counts.rowGroups!.read).toBeLessThan(100);

    // A full read of the same rows in memory, same seed and task: identical slice.
    const store = new MemoryStore();
    const full = await trainingSliceFrom(
      new ArrayTable(rows, 'memory'),
      rte,
      store,
      { kind: 'samples', files: [] },
      {
        seed: 11,
        cap: 40,
        validationSize: 10,
      },
    );
    expect(examples(slice)).toEqual(examples(full));
  });
});

describe('hubFile: one file of a model repo (tokenizer.json)', () => {
  it('downloads into models--{owner}--{name}, verifies the git blob id, and reuses it offline', async () => {
    const commit = commitId('tokenizer');
    const json = new TextEncoder().encode('{"model": {"type": "BPE"}}');
    hub.addRepo(
      'someone/tiny-model',
      { refs: { main: commit }, commits: { [commit]: { 'tokenizer.json': json } } },
      'model',
    );
    const got = await hubFile(
      { repo: 'someone/tiny-model', path: 'tokenizer.json' },
      { endpoint: hub.url, cacheDir: cache.path, env: {} },
    );
    expect(got.commit).toBe(commit);
    expect(got.path).toBe(
      join(cache.path, 'models--someone--tiny-model', 'snapshots', commit, 'tokenizer.json'),
    );
    expect(readFileSync(got.path, 'utf8')).toBe('{"model": {"type": "BPE"}}');
    expect(hub.requests.map((r) => r.url)).toContain(`/someone/tiny-model/resolve/${commit}/tokenizer.json`);
    await hub.stop();
    const again = await hubFile(
      { repo: 'someone/tiny-model', path: 'tokenizer.json' },
      { endpoint: hub.url, cacheDir: cache.path, env: {} },
    );
    expect(again).toEqual(got);
    const offline = await hubFile(
      { repo: 'someone/tiny-model', path: 'tokenizer.json' },
      { cacheDir: cache.path, env: { HF_HUB_OFFLINE: '1' } },
    );
    expect(offline).toEqual(got);
    await expect(
      hubFile(
        { repo: 'someone/other', path: 'tokenizer.json' },
        { cacheDir: cache.path, offline: true, env: {} },
      ),
    ).rejects.toThrow(/someone\/other@main: tokenizer\.json is not in the download cache/);
  });
});

// A misbehaving or hostile Hub mirror (test/sources/hub-server.ts with its fault modes): forged ETags, tree
// listings with `..` paths, bad revisions, altered bytes under the real checksum, bodies trickled a byte at a
// time. Nothing may be written outside the cache, nothing unverified may stay in it, and every error names
// the file or name at fault.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hubSettings } from '../../src/sources/hub/settings.js';
import { hubFile, openSource, SourceError } from '../../src/sources/index.js';
import { commitId, rte, rteParquet, rteRows, tempDir, withSource } from './fixtures.js';
import { FakeHub, sha256 } from './hub-server.js';

const MAIN = commitId('super_glue main');
const TRAIN = 'rte/train-00000-of-00001.parquet';
const TOKENIZER = commitId('tokenizer');

let hub: FakeHub;
/** The temporary folder around the cache: anything that lands here outside `cache` escaped it. */
let outer: { path: string; remove: () => void };
let cache: string;
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  outer = tempDir('hub-hostile');
  cache = join(outer.path, 'cache');
  mkdirSync(cache);
  writeFileSync(join(outer.path, 'important.parquet'), 'precious');
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await hub.stop();
  outer.remove();
});

function hubSource(extra: Record<string, unknown> = {}) {
  const s = openSource(
    {
      kind: 'hub',
      endpoint: hub.url,
      cacheDir: cache,
      retries: 2,
      retryDelayMs: 5,
      stallTimeoutMs: 2000,
      ...extra,
    },
    {},
  );
  closers.push(() => s.close());
  return s;
}

function superGlue(files: Record<string, Uint8Array> = {}) {
  return { refs: { main: MAIN }, commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows), ...files } } };
}

function tinyModel() {
  const json = new TextEncoder().encode('{"model": {"type": "BPE"}}');
  return { refs: { main: TOKENIZER }, commits: { [TOKENIZER]: { 'tokenizer.json': json } } };
}

/** Every file and link under `dir`, relative, sorted; the folder must exist (an empty listing of a missing folder proves nothing). */
function listing(dir: string): string[] {
  expect(existsSync(dir), `${dir} should exist`).toBe(true);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => !statSync(join(dir, p), { throwIfNoEntry: false })?.isDirectory())
    .map((p) => relative(dir, join(dir, p)))
    .sort();
}

/** Nothing appeared beside the cache, and the user's file there is untouched. */
function expectNothingOutside(): void {
  expect(readdirSync(outer.path).sort()).toEqual(['cache', 'important.parquet']);
  const mine = join(outer.path, 'important.parquet');
  expect(lstatSync(mine).isSymbolicLink()).toBe(false);
  expect(readFileSync(mine, 'utf8')).toBe('precious');
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('a hostile mirror cannot write outside the cache', () => {
  it('an ETag of "../../x" for a model file is refused before any byte is written', async () => {
    hub.addRepo('someone/tiny-model', tinyModel(), 'model');
    hub.etags.set('tokenizer.json', '"../../../important.parquet"');
    const err = await errorOf(
      hubFile(
        { repo: 'someone/tiny-model', path: 'tokenizer.json' },
        { endpoint: hub.url, cacheDir: cache, env: {} },
      ),
    );
    expect(err).toBeInstanceOf(SourceError);
    expect(err!.message).toBe(
      'someone/tiny-model@main: tokenizer.json: refusing the ETag "../../../important.parquet": a Hub file id is 40 or 64 hex digits',
    );
    expectNothingOutside();
    expect(listing(join(cache, 'models--someone--tiny-model'))).toEqual(['refs/main']);
  });

  it('an ETag that is no content hash (a proxy weak ETag) is refused too: there is nothing to verify against', async () => {
    hub.addRepo('someone/tiny-model', tinyModel(), 'model');
    hub.etags.set('tokenizer.json', 'W/"5f3-abc"');
    const err = await errorOf(
      hubFile(
        { repo: 'someone/tiny-model', path: 'tokenizer.json' },
        { endpoint: hub.url, cacheDir: cache, env: {} },
      ),
    );
    expect(err!.message).toMatch(/refusing the ETag "5f3-abc"/);
    expect(listing(join(cache, 'models--someone--tiny-model'))).toEqual(['refs/main']);
  });

  it('a tree listing with rte/train/../../…/important.parquet is refused; the user file stays a file', async () => {
    const outside = `rte/train/${'../'.repeat(5)}important.parquet`;
    hub.addRepo('aps/super_glue', superGlue({ [outside]: rteParquet(rteRows) }));
    const err = await errorOf(hubSource().trainingSlice(rte, { seed: 0, cap: 10 }));
    expect(err).toBeInstanceOf(SourceError);
    expect(err!.message).toBe(
      `rte/rte: aps/super_glue: refusing the file path "${outside}": it has a ".." segment`,
    );
    expectNothingOutside();
    expect(hub.requests.some((r) => r.url.includes('/resolve/') || r.url.startsWith('/cdn/'))).toBe(false);
  });

  it.each([
    ['an empty segment', 'rte/train//x.parquet', 'it has an empty segment'],
    ['a backslash', 'rte/train/..\\..\\x.parquet', 'it contains a backslash'],
    ['a NUL byte', 'rte/train/x\0.parquet', 'it contains a NUL byte'],
  ])('a tree listing with %s is refused', async (_what, path, why) => {
    hub.addRepo('aps/super_glue', superGlue({ [path]: rteParquet(rteRows) }));
    const err = await errorOf(hubSource().trainingSlice(rte, { seed: 0, cap: 10 }));
    expect(err!.message).toBe(
      `rte/rte: aps/super_glue: refusing the file path ${JSON.stringify(path)}: ${why}`,
    );
    expectNothingOutside();
  });

  it('an absolute config name (a bad registry entry) is refused before anything is asked', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    const err = await errorOf(
      hubSource().trainingSlice(withSource(rte, { config: '/etc' }), { seed: 0, cap: 10 }),
    );
    expect(err!.message).toBe('rte/rte: aps/super_glue: refusing the file path "/etc": it is absolute');
    expect(hub.requests).toEqual([]);
  });

  it('a tokenizer revision hub:o/t@../../x is refused before anything is asked or written', async () => {
    hub.addRepo('someone/tiny-model', { ...tinyModel(), refs: { '../../x': TOKENIZER } }, 'model');
    const err = await errorOf(
      hubFile(
        { repo: 'someone/tiny-model', path: 'tokenizer.json', revision: '../../x' },
        { endpoint: hub.url, cacheDir: cache, env: {} },
      ),
    );
    expect(err!.message).toBe(
      'someone/tiny-model@../../x: tokenizer.json: refusing the revision "../../x": it has a ".." segment',
    );
    expect(hub.requests).toEqual([]);
    expect(readdirSync(cache)).toEqual([]);
    expectNothingOutside();
  });

  it('a dataset revision with ".." (a bad registry or config) is refused before anything is asked', async () => {
    hub.addRepo('aps/super_glue', { ...superGlue(), refs: { main: MAIN, '../../../x': MAIN } });
    const err = await errorOf(
      hubSource().trainingSlice(withSource(rte, { revision: '../../../x' }), { seed: 0, cap: 10 }),
    );
    expect(err!.message).toBe(
      'rte/rte: aps/super_glue: refusing the revision "../../../x": it has a ".." segment',
    );
    expect(hub.requests).toEqual([]);
    expectNothingOutside();
  });

  it('a repo name that is not owner/name is refused', async () => {
    const err = await errorOf(
      hubFile({ repo: '../../x', path: 'tokenizer.json' }, { endpoint: hub.url, cacheDir: cache, env: {} }),
    );
    expect(err!.message).toBe(
      '../../x@main: tokenizer.json: refusing the repo name "../../x": expected owner/name',
    );
    expect(hub.requests).toEqual([]);
  });
});

describe('a mirror that alters or trickles bytes', () => {
  it('altered bytes under the real checksum: retried, and the good copy is kept', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.alter = { times: 1 };
    const slice = await hubSource().trainingSlice(rte, { seed: 0, cap: 30000 });
    expect(slice.counts.rows).toBe(rteRows.length);
    const blobs = listing(join(cache, 'datasets--aps--super_glue', 'blobs'));
    expect(blobs).toEqual([sha256(rteParquet(rteRows))]);
  });

  it('altered bytes every time: a clear error naming the file, and no blob left in the cache', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.alter = { times: 100 };
    const err = await errorOf(hubSource().trainingSlice(rte, { seed: 0, cap: 30000 }));
    expect(err).toBeInstanceOf(SourceError);
    expect(err!.message).toMatch(
      new RegExp(
        `^rte/rte: download of ${TRAIN} failed after 3 attempts: ${TRAIN}: sha256 [0-9a-f]{64}, expected ${sha256(rteParquet(rteRows))}$`,
      ),
    );
    const repo = join(cache, 'datasets--aps--super_glue');
    expect(listing(repo)).toEqual(['refs/main']);
    expect(listing(join(repo, 'blobs'))).toEqual([]);
  });

  it('a body trickled a byte at a time times out (idle timeout per transfer), naming the file', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.trickle = { times: 100, intervalMs: 10 };
    const started = Date.now();
    const err = await errorOf(hubSource({ stallTimeoutMs: 150 }).trainingSlice(rte, { seed: 0, cap: 30000 }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toBeInstanceOf(SourceError);
    expect(err!.message).toMatch(
      new RegExp(
        `^rte/rte: download of ${TRAIN} failed after 3 attempts: ${TRAIN}: stalled \\(only \\d+ bytes in 150 ms; HF_HUB_DOWNLOAD_TIMEOUT sets the wait\\)$`,
      ),
    );
    const repo = join(cache, 'datasets--aps--super_glue');
    expect(listing(repo)).toEqual(['refs/main']);
  });

  it('one trickled body is retried (resumed) and the download completes', async () => {
    hub.addRepo('aps/super_glue', superGlue());
    hub.trickle = { times: 1, intervalMs: 10 };
    const slice = await hubSource({ stallTimeoutMs: 150 }).trainingSlice(rte, { seed: 0, cap: 30000 });
    expect(slice.counts.rows).toBe(rteRows.length);
  });

  it('HF_HUB_DOWNLOAD_TIMEOUT sets the idle timeout (default 30 s); nonsense is refused by name', () => {
    const spec = { kind: 'hub' as const };
    expect(hubSettings(spec, {}).stallTimeoutMs).toBe(30_000);
    expect(hubSettings(spec, { HF_HUB_DOWNLOAD_TIMEOUT: '2.5' }).stallTimeoutMs).toBe(2500);
    expect(
      hubSettings({ ...spec, stallTimeoutMs: 100 }, { HF_HUB_DOWNLOAD_TIMEOUT: '2.5' }).stallTimeoutMs,
    ).toBe(100);
    expect(() => hubSettings(spec, { HF_HUB_DOWNLOAD_TIMEOUT: 'soon' })).toThrow(
      'HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got "soon"',
    );
  });
});

// Fallback sources: a task's registry sources are tried in order against the loopback Hub; a source that is
// not there (404 revision, no parquet files) or whose files lack a registry column is passed over with its
// reason kept, and the origin records which source was used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSource, SourceError, SourceUnavailableError } from '../../src/sources/index.js';
import { commitId, rte, rteParquet, rteRows, tempDir, withSources } from './fixtures.js';
import { FakeHub } from './hub-server.js';

const MAIN = commitId('super_glue main');
const PR = commitId('super_glue pr 3');
const TRAIN = 'rte/train-00000-of-00001.parquet';
const VALIDATION = 'rte/validation-00000-of-00001.parquet';

let hub: FakeHub;
let cache: { path: string; remove: () => void };
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  cache = tempDir('hub-fallback');
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await hub.stop();
  cache.remove();
});

function hubSource() {
  const s = openSource(
    {
      kind: 'hub',
      endpoint: hub.url,
      cacheDir: cache.path,
      retries: 1,
      retryDelayMs: 5,
      stallTimeoutMs: 2000,
    },
    {},
  );
  closers.push(() => s.close());
  return s;
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('fallback sources', () => {
  it('a vanished refs/convert/parquet (404) falls through to the next source, and the origin says which', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows) } },
    });
    const ref = withSources(rte, [{ revision: 'refs/convert/parquet' }, { revision: 'main' }]);
    const slice = await hubSource().trainingSlice(ref, { seed: 1, cap: 30000 });
    expect(slice.counts.rows).toBe(rteRows.length);
    expect(slice.origin).toMatchObject({ revision: 'main', commit: MAIN, source: 2 });
    expect(slice.origin.passedOver).toEqual([
      'aps/super_glue@refs/convert/parquet (rte): not found (HTTP 404): aps/super_glue at revision refs/convert/parquet',
    ]);
  });

  it('a source whose files lack a registry column falls through to the next', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN, 'refs/pr/3': PR },
      commits: {
        [MAIN]: { [VALIDATION]: rteParquet(rteRows, { drop: ['hypothesis'] }) },
        [PR]: { [VALIDATION]: rteParquet(rteRows) },
      },
    });
    const ref = withSources(rte, [{ revision: 'main' }, { revision: 'refs/pr/3' }]);
    const split = await hubSource().evalSplit(ref, { limit: 3 });
    expect(split.origin).toMatchObject({ revision: 'refs/pr/3', commit: PR, source: 2 });
    expect(split.origin.passedOver).toEqual([
      `aps/super_glue@main (rte): ${VALIDATION}: column "hypothesis" is missing (the registry expects premise, hypothesis, label; the file has premise, idx, label)`,
    ]);
  });

  it('when no source works, the error lists every source tried with its reason', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { 'README.md': new Uint8Array([35]) } },
    });
    const ref = withSources(rte, [{ revision: 'refs/convert/parquet' }, { revision: 'main' }]);
    const err = await errorOf(hubSource().trainingSlice(ref, { seed: 1, cap: 10 }));
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err!.message).toBe(
      `rte/rte: unavailable: no source worked; tried (1) aps/super_glue@refs/convert/parquet (rte): not found (HTTP 404): aps/super_glue at revision refs/convert/parquet; (2) aps/super_glue@main (rte): aps/super_glue has no parquet files for config "rte", split "train" at main (${MAIN.slice(0, 12)}); it has no parquet files at that revision`,
    );
  });

  it('a network failure does not fall through: it stops at once, naming the endpoint', async () => {
    const ref = withSources(rte, [{ revision: 'main' }, { revision: 'refs/pr/3' }]);
    await hub.stop();
    const err = await errorOf(hubSource().trainingSlice(ref, { seed: 1, cap: 10 }));
    expect(err).toBeInstanceOf(SourceError);
    expect(err).not.toBeInstanceOf(SourceUnavailableError);
    expect(err!.message).toMatch(
      /^rte\/rte: network failure reaching http:\/\/127\.0\.0\.1:\d+ for aps\/super_glue at revision main/,
    );
  });
});

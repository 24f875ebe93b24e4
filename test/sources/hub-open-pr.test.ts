// `revision: "refs/pr/*"`: the newest open pull request whose tree has the split's files, found at run time
// through the Hub's discussions listing (loopback Hub), recorded as the concrete `refs/pr/N` and its commit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceSchema } from '../../src/registry/schema.js';
import { checkHubSources } from '../../src/sources/hub/check.js';
import { hubSettings } from '../../src/sources/hub/settings.js';
import { openSource } from '../../src/sources/index.js';
import { commitId, rte, rteParquet, rteRows, tempDir, withSources } from './fixtures.js';
import { type FakeDiscussion, FakeHub, type FakeRepo } from './hub-server.js';

const MAIN = commitId('super_glue main');
const TRAIN = 'rte/train-00000-of-00001.parquet';
const pr = (n: number) => commitId(`super_glue pr ${n}`);

let hub: FakeHub;
let cache: { path: string; remove: () => void };
const closers: Array<() => Promise<void>> = [];

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  cache = tempDir('hub-open-pr');
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await hub.stop();
  cache.remove();
});

function hubSource(commits?: Record<string, string>) {
  const s = openSource(
    {
      kind: 'hub',
      endpoint: hub.url,
      cacheDir: cache.path,
      retries: 1,
      retryDelayMs: 5,
      stallTimeoutMs: 2000,
      ...(commits ? { commits } : {}),
    },
    {},
  );
  closers.push(() => s.close());
  return s;
}

/** A repo whose pull requests `withFiles` hold rte/train parquet and the others only another config's file. */
function repoWith(discussions: FakeDiscussion[], withFiles: number[]): FakeRepo {
  const refs: Record<string, string> = { main: MAIN };
  const commits: FakeRepo['commits'] = {
    [MAIN]: { 'README.md': new TextEncoder().encode('# super_glue\n') },
  };
  for (const d of discussions) {
    if (!d.isPullRequest) continue;
    refs[`refs/pr/${d.num}`] = pr(d.num);
    commits[pr(d.num)] = withFiles.includes(d.num)
      ? { [TRAIN]: rteParquet(rteRows) }
      : { 'cb/train-00000-of-00001.parquet': rteParquet(rteRows) };
  }
  return { refs, commits, discussions };
}

const pull = (num: number, status: FakeDiscussion['status'] = 'open'): FakeDiscussion => ({
  num,
  title: `Convert to parquet #${num}`,
  status,
  isPullRequest: true,
});

const listings = () => hub.requests.filter((r) => r.url.includes('/discussions'));
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );

describe('refs/pr/*: the newest open pull request with the split files', () => {
  it('passes over a newer pull request without the files, a closed one and a discussion; the origin names refs/pr/N', async () => {
    hub.addRepo(
      'aps/super_glue',
      repoWith(
        [
          pull(9), // open, only cb/ files
          pull(8, 'closed'), // has the files, but closed
          { num: 7, title: 'Question', status: 'open', isPullRequest: false },
          pull(5), // open, has the files: the answer
          pull(3), // open, has the files, older
        ],
        [8, 5, 3],
      ),
    );
    const ref = withSources(rte, [{ revision: 'refs/convert/parquet' }, { revision: 'refs/pr/*' }]);
    const slice = await hubSource().trainingSlice(ref, { seed: 1, cap: 30000 });
    expect(slice.counts.rows).toBe(rteRows.length);
    expect(slice.origin).toMatchObject({ revision: 'refs/pr/5', commit: pr(5), source: 2 });
    expect(listings().map((r) => r.url)).toEqual([
      '/api/datasets/aps/super_glue/discussions?type=pull_request&status=open&p=0',
    ]);
    // Only open pull requests are resolved, newest first, until one has the files.
    const resolved = hub.requests
      .filter((r) => r.url.includes('/revision/'))
      .map((r) => decodeURIComponent(r.url.split('/revision/')[1]!.split('?')[0]!));
    expect(resolved).toEqual(['refs/convert/parquet', 'refs/pr/9', 'refs/pr/5']);
  });

  it('with no open pull request holding the files, falls through to the next source with the reason', async () => {
    hub.addRepo('aps/super_glue', {
      ...repoWith([pull(4), pull(2, 'merged')], [2]),
    });
    hub.repos.get('aps/super_glue')!.commits[MAIN]![TRAIN] = rteParquet(rteRows);
    const ref = withSources(rte, [{ revision: 'refs/pr/*' }, { revision: 'main' }]);
    const slice = await hubSource().trainingSlice(ref, { seed: 1, cap: 30000 });
    expect(slice.origin).toMatchObject({ revision: 'main', commit: MAIN, source: 2 });
    expect(slice.origin.passedOver).toEqual([
      'aps/super_glue@refs/pr/* (rte): no open pull request of aps/super_glue has rte/… parquet files for split "train" (tried refs/pr/4)',
    ]);
  });

  it('with no source left, the error lists the pull requests tried', async () => {
    hub.addRepo('aps/super_glue', repoWith([], []));
    const ref = withSources(rte, [{ revision: 'refs/pr/*' }]);
    const e = await errorOf(hubSource().trainingSlice(ref, { seed: 1, cap: 30000 }));
    expect(e?.message).toBe(
      'rte/rte: unavailable: no open pull request of aps/super_glue has rte/… parquet files for split "train" (it has none open)',
    );
  });

  it('reads every page of the listing (p=0, 1, …) until an open pull request has the files', async () => {
    hub.discussionsPageSize = 2;
    hub.addRepo('aps/super_glue', repoWith([pull(12), pull(11), pull(10, 'closed'), pull(9), pull(4)], [4]));
    const ref = withSources(rte, [{ revision: 'refs/pr/*' }]);
    const slice = await hubSource().trainingSlice(ref, { seed: 1, cap: 30000 });
    expect(slice.origin).toMatchObject({ revision: 'refs/pr/4', commit: pr(4) });
    expect(listings().map((r) => new URL(r.url, hub.url).searchParams.get('p'))).toEqual(['0', '1']);
  });

  it('a rebuild reads the pinned pull request, even after a newer one with the files appeared', async () => {
    hub.addRepo('aps/super_glue', repoWith([pull(6), pull(5)], [6, 5]));
    const ref = withSources(rte, [{ revision: 'refs/pr/*' }]);
    const slice = await hubSource({ 'aps/super_glue@refs/pr/5': pr(5) }).trainingSlice(ref, {
      seed: 1,
      cap: 30000,
    });
    expect(slice.origin).toMatchObject({ revision: 'refs/pr/5', commit: pr(5) });
    expect(listings()).toEqual([]);
  });

  it('flanmix check resolves it the same way', async () => {
    const repo = repoWith([pull(9), pull(5)], [5]);
    repo.commits[pr(5)]!['rte/validation-00000-of-00001.parquet'] = rteParquet(rteRows);
    hub.addRepo('aps/super_glue', repo);
    const ref = withSources(rte, [{ revision: 'refs/convert/parquet' }, { revision: 'refs/pr/*' }]);
    const settings = hubSettings(
      { kind: 'hub', endpoint: hub.url, retries: 1, retryDelayMs: 5, stallTimeoutMs: 2000 },
      {},
    );
    const [task] = await checkHubSources([ref], settings);
    expect(task!.verdict).toBe('fell back');
    expect(task!.splits.map((s) => s.source)).toEqual([
      { index: 2, repo: 'aps/super_glue', config: 'rte', revision: 'refs/pr/5', commit: pr(5) },
      { index: 2, repo: 'aps/super_glue', config: 'rte', revision: 'refs/pr/5', commit: pr(5) },
    ]);
    // One listing serves both splits.
    expect(listings()).toHaveLength(1);
  });

  it('the registry accepts exactly refs/pr/* as a wildcard', () => {
    const source = { availability: 'hub', repo: 'allenai/quac', config: 'plain_text', confidence: 'guessed' };
    expect(SourceSchema.safeParse({ ...source, revision: 'refs/pr/*' }).success).toBe(true);
    for (const revision of ['refs/pr/*/x', 'refs/*', 'refs/pr/1*', '*'])
      expect(SourceSchema.safeParse({ ...source, revision }).success, revision).toBe(false);
    const refused = SourceSchema.safeParse({ ...source, revision: 'refs/*' });
    expect(refused.error?.issues[0]?.message).toBe(
      'must be segments of letters, digits, "._+=-" joined by "/" (the only wildcard is "refs/pr/*")',
    );
  });
});

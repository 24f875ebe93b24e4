// `flanmix fetch` end to end: the real CLI, the real Hub client, a loopback Hub.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes, ProgressBar } from '../../src/cli/progress-bar.js';
import { runCliCaptured } from '../helpers.js';
import { commitId, rteParquet, rteRows, tempDir } from './fixtures.js';
import { FakeHub } from './hub-server.js';

const MAIN = commitId('super_glue main');
let hub: FakeHub;
let cache: { path: string; remove: () => void };

function cli(args: string[], env: Record<string, string> = {}) {
  return runCliCaptured(['fetch', ...args, '--hub-endpoint', hub.url, '--cache-dir', cache.path], env);
}

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  cache = tempDir('fetch-cache');
  hub.addRepo('aps/super_glue', {
    refs: { main: MAIN },
    commits: {
      [MAIN]: {
        'rte/train-00000-of-00001.parquet': rteParquet(rteRows),
        'rte/validation-00000-of-00001.parquet': rteParquet(rteRows.slice(0, 9)),
      },
    },
  });
});

afterEach(async () => {
  await hub.stop();
  cache.remove();
});

describe('flanmix fetch', () => {
  it('downloads a dataset and prints rows per task and split', async () => {
    const r = await cli(['rte', '--splits', 'all', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^task\s+role\s+split\s+rows\s+size\s+from\s+status$/);
    expect(lines[2]).toMatch(/^rte\s+train\s+train\s+14\s+\S+ kB\s+aps\/super_glue@[0-9a-f]{7}\s+ok$/);
    expect(lines[3]).toMatch(/^rte\s+test\s+validation\s+9\s+.*ok$/);
    expect(r.stdout).toMatch(/2 of 2 splits ready: 23 rows/);
  });

  it('--check sends no request at all: it reports what is missing, then what is cached', async () => {
    const before = await cli(['rte', '--check']);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^rte\s+train\s+train\s+\?\s+.*missing$/m);
    expect(before.stdout).toContain(
      'missing rte (train): not in the download cache: aps/super_glue rte/train at main (fetch without --check downloads it)',
    );
    expect(hub.requests).toEqual([]);
    expect((await cli(['rte'])).code).toBe(0);
    hub.requests.length = 0;
    const after = await cli(['rte', '--check', '--json']);
    expect(hub.requests).toEqual([]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).splits[0]).toMatchObject({
      key: 'rte',
      status: 'ok',
      rows: 14,
      missing: [],
    });
  });

  it('--check with an unroutable endpoint answers at once from the cache alone', async () => {
    // 192.0.2.0/24 is reserved for documentation: a connection there would hang until the client gives up.
    const offNet = (args: string[]) =>
      runCliCaptured(['fetch', ...args, '--hub-endpoint', 'http://192.0.2.1:9', '--cache-dir', cache.path]);
    const started = Date.now();
    const before = await offNet(['rte', '--check']);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('missing rte (train): not in the download cache');
    expect((await cli(['rte'])).code).toBe(0);
    const after = await offNet(['rte', '--check']);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toMatch(/^rte\s+train\s+train\s+14\s+.*ok$/m);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('a manual dataset fails the command unless --skip-unavailable, which records the skip', async () => {
    const failed = await cli(['rte', 'story_cloze']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^story_cloze\s+train\s+validation\s+\?\s+\?\s+-\s+unavailable$/m);
    expect(failed.stdout).toContain('unavailable story_cloze (train): not on the Hub: StoryCloze 2016');
    const skipped = await cli(['rte', 'story_cloze', '--skip-unavailable']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/^story_cloze\s+.*skipped$/m);
    expect(skipped.stdout).toContain('1 of 2 splits ready: 14 rows');
    expect(skipped.stdout).toContain('; 1 skipped');
  });

  it('takes the manual dataset from --data-dir, and --held-out selects a mixture', async () => {
    const data = tempDir('fetch-data');
    mkdirSync(join(data.path, 'story_cloze'), { recursive: true });
    writeFileSync(join(data.path, 'story_cloze', 'validation.jsonl'), '{"a": 1}\n{"a": 2}\n');
    const r = await cli(['story_cloze', '--data-dir', data.path]);
    expect(r.stdout).toMatch(
      /^story_cloze\s+train\s+validation\s+2\s+\S+ B\s+local story_cloze\/validation\.jsonl\s+ok$/m,
    );
    // --held-out commonsense: story_cloze is held out, so both its splits are needed; the test file is missing.
    const held = await cli(['story_cloze', 'rte', '--held-out', 'commonsense', '--data-dir', data.path]);
    expect(held.stdout).toMatch(/^story_cloze\s+test\s+test\s+\?.*unavailable$/m);
    expect(held.stdout).toMatch(/^rte\s+train\s+train\s+14\s+.*ok$/m);
    data.remove();
  });

  it('a 401 is reported as unavailable, with the token kept out of the output', async () => {
    const token = 'hf_fetchSECRET123';
    hub.repos.get('aps/super_glue')!.token = 'hf_other';
    const r = await cli(['rte'], { HF_TOKEN: token });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('access refused (HTTP 403)');
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it('bad usage is exit code 2', async () => {
    expect((await cli(['--source', 'local'])).code).toBe(2);
    expect((await cli(['--splits', 'some'])).code).toBe(2);
  });
});

describe('progress bar', () => {
  it('shows label, bar, percentage, bytes, rate and ETA, throttled, and clears its line', () => {
    let t = 0;
    let out = '';
    const bar = new ProgressBar(
      (s) => {
        out += s;
      },
      { columns: 140, intervalMs: 100, now: () => t },
    );
    bar.start('aps/super_glue: rte/train.parquet', 10_000_000, 'bytes');
    t = 2000;
    bar.advance(2_500_000);
    expect(bar.line()).toBe(
      'aps/super_glue: rte/train.parquet [########......................]   25%  2.5 MB / 10.0 MB  1.3 MB/s  ETA 00:06',
    );
    const draws = out.split('\r').length;
    t = 2050;
    bar.advance(1); // within the interval: not drawn
    expect(out.split('\r').length).toBe(draws);
    bar.done();
    expect(out.endsWith('\r\x1b[K')).toBe(true);
    t = 2000;
    bar.start('rte: reading train', undefined, 'rows');
    t = 3000;
    bar.advance(1234);
    expect(bar.line()).toBe('rte: reading train  1,234 rows  1,234 rows/s');
    expect(formatBytes(999)).toBe('999 B');
  });
});

describe('flanmix build --source hub (the mixer through this source)', () => {
  it('builds from the loopback Hub; the manifest records repo, revision and commit, and a skipped manual dataset', async () => {
    const out = tempDir('build-out');
    const token = 'hf_buildSECRET42';
    hub.repos.get('aps/super_glue')!.token = token;
    const { code, stderr } = await runCliCaptured(
      [
        'build',
        '--source',
        'hub',
        '--datasets',
        'rte,story_cloze',
        '--skip-unavailable',
        '--out',
        out.path,
        '--shards',
        '1',
        '--hub-endpoint',
        hub.url,
        '--cache-dir',
        cache.path,
      ],
      { HF_TOKEN: token },
    );
    expect(code, stderr).toBe(0);
    const manifestText = readFileSync(join(out.path, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(manifestText);
    expect(manifest.members[0]).toMatchObject({
      key: 'rte',
      origin: { kind: 'hub', repo: 'aps/super_glue', config: 'rte', revision: 'main', commit: MAIN },
      counts: { rows: 14, train: 11, validation: 3 },
    });
    expect(manifest.skipped).toEqual([
      expect.objectContaining({
        dataset: 'story_cloze',
        reason: expect.stringMatching(/^not on the Hub: StoryCloze/),
      }),
    ]);
    expect(manifestText + stderr).not.toContain(token);
    expect(manifestText).not.toContain(cache.path);
    out.remove();
  });

  it("the manifest holds no machine path: a skipped manual dataset's reason names <data-dir>, not the folder", async () => {
    const out = tempDir('build-out');
    const data = tempDir('build-data');
    const r = await runCliCaptured([
      'build',
      '--source',
      'hub',
      '--datasets',
      'rte,story_cloze',
      '--skip-unavailable',
      '--data-dir',
      data.path,
      '--out',
      out.path,
      '--shards',
      '1',
      '--hub-endpoint',
      hub.url,
      '--cache-dir',
      cache.path,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const manifestText = readFileSync(join(out.path, 'manifest.json'), 'utf8');
    expect(JSON.parse(manifestText).skipped).toEqual([
      expect.objectContaining({
        dataset: 'story_cloze',
        reason: expect.stringContaining('expected files under <data-dir>/story_cloze/'),
      }),
    ]);
    for (const path of [data.path, out.path, cache.path, homedir(), tmpdir()])
      expect(manifestText).not.toContain(path);
    out.remove();
    data.remove();
  });
});

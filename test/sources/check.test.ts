// `flanmix check` against the loopback Hub: sources tried in order, columns and types compared from the
// parquet footers alone, rows compared with the registry's sizes, and nothing but footers (and API calls)
// fetched.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run.js';
import { getTask, type TaskRef } from '../../src/registry/index.js';
import { checkHubSources } from '../../src/sources/hub/check.js';
import { CheckReportSchema } from '../../src/sources/hub/check-schema.js';
import { hubSettings } from '../../src/sources/hub/settings.js';
import { ROOT } from '../helpers.js';
import { commitId, manyRteRows, registry, rte, rteParquet, rteRows, withSources } from './fixtures.js';
import { FakeHub } from './hub-server.js';

const CLI = join(ROOT, 'dist', 'cli.js');

/** The built CLI as a child process, awaited without blocking this process (the loopback Hub lives here). */
function spawnCli(args: string[], env: Record<string, string>) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npx tsup` (npm test builds first)');
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const MAIN = commitId('super_glue main');
const PR = commitId('super_glue pr 3');
const TRAIN = 'rte/train-00000-of-00001.parquet';
const VALIDATION = 'rte/validation-00000-of-00001.parquet';

let hub: FakeHub;

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
});

afterEach(async () => {
  await hub.stop();
});

function check(refs: TaskRef[], retries = 1) {
  const settings = hubSettings(
    { kind: 'hub', endpoint: hub.url, retries, retryDelayMs: 5, stallTimeoutMs: 2000 },
    {},
  );
  return checkHubSources(refs, settings);
}

/** The rte task with these sources and the registry sizes given (train, eval). */
function rteWith(patches: Record<string, unknown>[], sizes?: [number, number]): TaskRef {
  const ref = withSources(rte, patches);
  if (!sizes) return ref;
  const [train, evalRows] = sizes;
  return {
    ...ref,
    task: {
      ...ref.task,
      sizes: { train: { rows: train, from: 'hub' }, eval: { rows: evalRows, from: 'hub' } },
    },
  };
}

/** rte rows with the label written as text: the type the registry's ClassLabel does not accept. */
function rteTextLabels(): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'premise', type: 'STRING', data: rteRows.map((r) => r.premise as string) },
        { name: 'hypothesis', type: 'STRING', data: rteRows.map((r) => r.hypothesis as string) },
        { name: 'label', type: 'STRING', data: rteRows.map((r) => String(r.label)) },
      ],
    }),
  );
}

describe('checkHubSources', () => {
  it('a task whose first source has both splits is ok, with rows from the footers and the commit', async () => {
    const train = rteParquet(manyRteRows(40), { rowGroupSize: 16 }); // 3 row groups
    const validation = rteParquet(rteRows.slice(0, 9));
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: train, [VALIDATION]: validation, 'README.md': new Uint8Array([35]) } },
    });
    const [c] = await check([rteWith([{ revision: 'main' }], [40, 9])]);
    expect(c).toMatchObject({
      key: 'rte',
      verdict: 'ok',
      source: { index: 1, repo: 'aps/super_glue', config: 'rte', revision: 'main', commit: MAIN },
      failures: [],
    });
    expect(c!.splits).toEqual([
      {
        role: 'train',
        split: 'train',
        source: c!.source,
        files: [TRAIN],
        rows: 40,
        bytes: train.length,
        registryRows: 40,
        sizeWarning: null,
      },
      {
        role: 'eval',
        split: 'validation',
        source: c!.source,
        files: [VALIDATION],
        rows: 9,
        bytes: validation.length,
        registryRows: 9,
        sizeWarning: null,
      },
    ]);
  });

  it('rows that differ from the registry sizes are a warning, not a failure', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows), [VALIDATION]: rteParquet(rteRows.slice(0, 9)) } },
    });
    const [c] = await check([rteWith([{ revision: 'main' }], [2490, 9])]);
    expect(c!.verdict).toBe('ok');
    expect(c!.splits.map((s) => s.sizeWarning)).toEqual([
      `train has ${rteRows.length} rows, the registry says 2,490 (from hub)`,
      null,
    ]);
  });

  it('a first source whose revision is gone (404) falls back, and the verdict and reason say so', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows), [VALIDATION]: rteParquet(rteRows) } },
    });
    const [c] = await check([rteWith([{ revision: 'refs/convert/parquet' }, { revision: 'main' }])]);
    expect(c!.verdict).toBe('fell back');
    expect(c!.source).toMatchObject({ index: 2, revision: 'main', commit: MAIN });
    const reason = 'not found (HTTP 404): aps/super_glue at revision refs/convert/parquet';
    expect(c!.failures).toEqual(
      (['train', 'eval'] as const).map((role) => ({
        index: 1,
        repo: 'aps/super_glue',
        config: 'rte',
        revision: 'refs/convert/parquet',
        role,
        problem: 'missing',
        reason,
      })),
    );
    // The failed revision was asked once, not once per split.
    const asked = hub.requests.filter((r) => r.url.includes('/revision/refs%2Fconvert%2Fparquet'));
    expect(asked).toHaveLength(1);
  });

  it('a file without a registry column is a mismatch naming the column', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: {
        [MAIN]: {
          [TRAIN]: rteParquet(rteRows, { drop: ['hypothesis'] }),
          [VALIDATION]: rteParquet(rteRows),
        },
      },
    });
    const [c] = await check([rteWith([{ revision: 'main' }])]);
    expect(c!.verdict).toBe('mismatch');
    expect(c!.source).toMatchObject({ index: 1 }); // the eval split fits
    expect(c!.splits[0]).toMatchObject({ role: 'train', source: null, rows: null });
    expect(c!.failures).toEqual([
      expect.objectContaining({
        role: 'train',
        problem: 'mismatch',
        reason: `${TRAIN}: column "hypothesis" is missing (the file has premise, idx, label)`,
      }),
    ]);
  });

  it('a column of the wrong type is a mismatch naming the column and both types', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN, 'refs/pr/3': PR },
      commits: {
        [MAIN]: { [TRAIN]: rteTextLabels(), [VALIDATION]: rteTextLabels() },
        [PR]: { [TRAIN]: rteParquet(rteRows), [VALIDATION]: rteTextLabels() },
      },
    });
    const [c] = await check([rteWith([{ revision: 'main' }, { revision: 'refs/pr/3' }])]);
    // train falls back to the PR; eval has no source with an integer label.
    expect(c!.verdict).toBe('mismatch');
    expect(c!.splits.map((s) => s.source?.index ?? null)).toEqual([2, null]);
    const reason = (file: string) => `${file}: column "label" is string, the registry expects ClassLabel`;
    expect(c!.failures.map((f) => [f.index, f.role, f.problem, f.reason])).toEqual([
      [1, 'train', 'mismatch', reason(TRAIN)],
      [1, 'eval', 'mismatch', reason(VALIDATION)],
      [2, 'eval', 'mismatch', reason(VALIDATION)],
    ]);
  });

  it('a later shard that does not fit fails the source too', async () => {
    const shard = (i: number) => `rte/train-0000${i}-of-00003.parquet`;
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: {
        [MAIN]: {
          [shard(0)]: rteParquet(rteRows),
          [shard(1)]: rteParquet(rteRows),
          [shard(2)]: rteParquet(rteRows, { drop: ['label'] }),
          [VALIDATION]: rteParquet(rteRows),
        },
      },
    });
    const [c] = await check([rteWith([{ revision: 'main' }])]);
    expect(c!.verdict).toBe('mismatch');
    expect(c!.failures[0]!.reason).toMatch(/^rte\/train-00002-of-00003\.parquet: column "label" is missing/);
  });

  it('fetches nothing but the footers: two exact ranges per file, after the API calls', async () => {
    const train = rteParquet(manyRteRows(5000), { rowGroupSize: 500 });
    const validation = rteParquet(rteRows);
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: train, [VALIDATION]: validation } },
    });
    const [c] = await check([rteWith([{ revision: 'main' }])]);
    expect(c!.verdict).toBe('ok');

    // The footer of a parquet file: its metadata, then 4 bytes of metadata length, then PAR1.
    const footer = (file: Uint8Array) => {
      const length = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
      return { start: file.length - 8 - length, size: file.length };
    };
    const allowed = new Set<string>();
    for (const f of [train, validation]) {
      const { start, size } = footer(f);
      allowed.add(`bytes=${size - 8}-${size - 1}`); // length and magic
      allowed.add(`bytes=${start}-${size - 9}`); // the metadata
    }
    const bytes = hub.requests.filter((r) => r.url.startsWith('/cdn/'));
    // The resolve call's one-byte probe (byte 0, the PAR1 magic) aside, every CDN request is a footer range.
    const ranges = bytes.map((r) => r.range).filter((r) => r !== 'bytes=0-0');
    expect(bytes.every((r) => r.range !== undefined)).toBe(true);
    expect(new Set(ranges)).toEqual(allowed);
    expect(ranges).toHaveLength(4);
    const fetched = ranges.reduce((n, r) => {
      const [a, b] = r!.slice(6).split('-').map(Number);
      return n + b! - a! + 1;
    }, 0);
    expect(c!.footerBytes).toBe(fetched);
    expect(fetched).toBeLessThan(train.length / 20);
    // Everything else was an API call or a resolve.
    const other = hub.requests.filter((r) => !r.url.startsWith('/cdn/'));
    expect(other.every((r) => /^\/(api\/datasets\/|datasets\/[^/]+\/[^/]+\/resolve\/)/.test(r.url))).toBe(
      true,
    );
  });

  it('a gated repo is missing without HF_TOKEN and ok with it; the token appears in no output', async () => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      token: 'hf_secret',
      commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows), [VALIDATION]: rteParquet(rteRows) } },
    });
    const [refused] = await check([rteWith([{ revision: 'main' }])]);
    expect(refused!.verdict).toBe('missing');
    expect(refused!.failures[0]!.reason).toBe(
      'access refused (HTTP 401) for aps/super_glue at revision main: the repo is gated or private (or does not exist): set HF_TOKEN to a token with access',
    );
    hub.requests.length = 0;
    const settings = hubSettings(
      { kind: 'hub', endpoint: hub.url, retries: 1, retryDelayMs: 5 },
      {
        HF_TOKEN: 'hf_secret',
      },
    );
    const [c] = await checkHubSources([rteWith([{ revision: 'main' }])], settings);
    expect(c!.verdict).toBe('ok');
    // Every API call carried it (the loopback CDN shares the endpoint's origin, so it is no test of the CDN rule).
    expect(
      hub.requests
        .filter((r) => r.url.startsWith('/api/'))
        .every((r) => r.authorization === 'Bearer hf_secret'),
    ).toBe(true);
    expect(JSON.stringify(c)).not.toContain('hf_secret');
  });

  it('a manual dataset is listed as manual and not contacted', async () => {
    const [c] = await check([getTask(registry, 'story_cloze')]);
    expect(c).toMatchObject({ key: 'story_cloze', verdict: 'manual', splits: [], failures: [] });
    expect(hub.requests).toEqual([]);
  });

  it('a server without range requests leaves the task unchecked rather than downloading files', async () => {
    hub.noRanges = true;
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: { [MAIN]: { [TRAIN]: rteParquet(rteRows), [VALIDATION]: rteParquet(rteRows) } },
    });
    const [c] = await check([rteWith([{ revision: 'main' }, { revision: 'refs/pr/3' }])]);
    expect(c!.verdict).toBe('error');
    // It does not fall through: the next source would be read from the same server.
    expect(c!.failures.map((f) => [f.index, f.role, f.problem])).toEqual([
      [1, 'train', 'error'],
      [1, 'eval', 'error'],
    ]);
    expect(c!.failures[0]!.reason).toBe(
      `${TRAIN}: the server ignores range requests, and check reads footers only (it downloads no files)`,
    );
  });

  it('an unreachable endpoint marks the task an error and the tasks after it not checked', async () => {
    await hub.stop();
    const report = await check([rteWith([{ revision: 'main' }]), getTask(registry, 'cb')], 0);
    expect(report.map((c) => c.verdict)).toEqual(['error', 'error']);
    expect(report[0]!.failures[0]!.reason).toMatch(
      /^network failure reaching http:\/\/127\.0\.0\.1:\d+ for aps\/super_glue at revision main after 0 retries/,
    );
    expect(report[1]!.failures[0]!.reason).toMatch(/^not checked: network failure reaching/);
  });
});

describe('flanmix check', () => {
  async function cli(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const io: Io = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      isTTY: false,
      env: { HF_ENDPOINT: hub.url, ...env },
      cwd: process.cwd(),
    };
    const code = await runCli(['check', ...args], io);
    return { code, stdout, stderr };
  }

  beforeEach(() => {
    hub.addRepo('aps/super_glue', {
      refs: { main: MAIN },
      commits: {
        [MAIN]: {
          [TRAIN]: rteParquet(rteRows),
          [VALIDATION]: rteParquet(rteRows.slice(0, 9)),
          'cb/train-00000-of-00001.parquet': rteParquet(rteRows, { drop: ['premise'] }),
        },
      },
    });
  });

  it('prints one row per task, the reasons, and exits 1 when a task has no working source', async () => {
    const r = await cli(['rte', 'cb', 'story_cloze']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'check [1/3] cb: mismatch',
      expect.stringMatching(
        /^check \[2\/3\] rte: ok, \(1\) aps\/super_glue@main \(rte\), 2 file\(s\), footers /,
      ),
      'check [3/3] story_cloze: manual',
      '',
    ]);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^task\s+source\s+commit\s+files\s+train rows\s+eval rows\s+size\s+verdict\s+warning$/,
    );
    // Registry order, whatever order they were named in.
    expect(lines[2]).toMatch(/^cb\s+-\s+\?\s+\?\s+mismatch$/);
    expect(lines[3]).toMatch(
      new RegExp(
        `^rte\\s+\\(1\\) aps/super_glue@main \\(rte\\)\\s+${MAIN.slice(0, 7)}\\s+2\\s+14\\s+9\\s+\\S+ kB\\s+ok\\s+rows differ$`,
      ),
    );
    expect(lines[4]).toMatch(/^story_cloze\s+manual \(--data-dir\)\s+manual$/);
    expect(r.stdout).toContain(
      'mismatch cb [train] (1) aps/super_glue@main (cb): cb/train-00000-of-00001.parquet: column "premise" is missing',
    );
    expect(r.stdout).toContain(
      'mismatch cb [eval] (1) aps/super_glue@main (cb): aps/super_glue has no parquet files for config "cb", split "validation"',
    );
    expect(r.stdout).toContain('warning rte: train has 14 rows, the registry says 2,490 (from hub)');
    expect(r.stdout).toMatch(/\n3 task\(s\): 1 ok, 1 mismatch, 1 manual; footers read: \S+ \S+\n$/);
  });

  it('the built binary: progress on stderr, JSON on stdout, exit 1 when a task has no working source', async () => {
    const r = await spawnCli(['check', 'rte', 'cb', '--json'], { HF_ENDPOINT: hub.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^check \[1\/2\] cb: mismatch\ncheck \[2\/2\] rte: ok, /);
    const report = CheckReportSchema.parse(JSON.parse(r.stdout));
    expect(report.map((c) => [c.key, c.verdict])).toEqual([
      ['cb', 'mismatch'],
      ['rte', 'ok'],
    ]);
  });

  it('exits 0 when every selected task works; --json parses with the documented schema', async () => {
    const r = await cli(['--datasets', 'rte', '--json']);
    expect(r.code).toBe(0);
    const report = CheckReportSchema.parse(JSON.parse(r.stdout));
    expect(report.map((c) => [c.key, c.verdict, c.source?.commit])).toEqual([['rte', 'ok', MAIN]]);
  });

  it('selects by cluster and held-out split, and refuses unknown names and offline runs (exit 2)', async () => {
    const byCluster = await cli(['--clusters', 'nli', '--datasets', 'rte,cb,copa', '--json']);
    expect(JSON.parse(byCluster.stdout).map((c: { key: string }) => c.key)).toEqual(['cb', 'rte']);
    // Holding out reading comprehension removes cosmos_qa from the mixture (it is reading comprehension with commonsense).
    const heldOut = await cli([
      '--held-out',
      'reading_comprehension',
      '--datasets',
      'cosmos_qa,bool_q,rte',
      '--json',
    ]);
    expect(JSON.parse(heldOut.stdout).map((c: { key: string }) => c.key)).toEqual(['rte', 'bool_q']);
    expect((await cli(['--clusters', 'nope'])).code).toBe(2);
    expect((await cli(['rtee'])).stderr).toMatch(/^flanmix check: unknown dataset "rtee"/);
    const offline = await cli(['rte'], { HF_HUB_OFFLINE: '1' });
    expect(offline.code).toBe(2);
    expect(offline.stderr).toBe(
      'flanmix check: check asks the Hub, but HF_HUB_OFFLINE is set: unset it to check the sources\n',
    );
  });
});

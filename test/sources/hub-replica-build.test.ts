// End to end against the Hub replica: the built CLI runs `flanmix build --source hub` over all 62 datasets
// (the manual ones from --data-dir), reading every task from its real layout through LFS redirects to a
// second loopback host; the manifest records, per task, the source used, its commit and the bytes read.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOrigin } from '../../src/sources/types.js';
import { ROOT, tempDir, trainRecords } from '../helpers.js';
import { registry } from './fixtures.js';
import { addReplica, DEFAULT_PLAN, type Replica, writeManualData } from './hub-replica.js';
import { FakeHub } from './hub-server.js';

const CLI = join(ROOT, 'dist', 'cli.js');

/** The built CLI, run without blocking this process (the replica answers from this event loop). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, HF_TOKEN: '', HF_ENDPOINT: '', HF_HUB_OFFLINE: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Origin = SourceOrigin;
/** `dataset/task`, as the replica names tasks. */
const keyOf = (x: { dataset: string; task: string }) => `${x.dataset}/${x.task}`;

interface Manifest {
  members: Array<{
    dataset: string;
    task: string;
    origin: Origin;
    counts: { rows: number; rowGroups?: { read: number; total: number } };
  }>;
  eval: Array<{ dataset: string; task: string; split: string; origin?: Origin }>;
  skipped: unknown[];
}

// One task's train split is large (71 MiB, 600,000 rows, generated on the fly): read by range requests and
// sampled by row group. A cap of 1,000 keeps that quick; every other task has fewer sample rows than that.
const LARGE = 'wmt16_roen/wmt16_roen';
const PLAN = { ...DEFAULT_PLAN, large: { [LARGE]: { shards: 2, copies: 60, groupRows: 5000 } } };
const CAP = '1000';

let hub: FakeHub;
let replica: Replica;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npx tsup` (npm test builds first)');
  hub = new FakeHub();
  hub.separateCdn = true;
  replica = addReplica(hub, PLAN);
  await hub.start();
  dir = tempDir('flanmix-replica-');
  writeManualData(join(dir, 'data'), replica.manual);
});

afterAll(async () => {
  await hub.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('flanmix build --source hub against the Hub replica', () => {
  it('builds all 62 datasets, recording each task source, commit and bytes', async () => {
    const out = join(dir, 'out');
    const r = await run([
      'build',
      '--source',
      'hub',
      '--hub-endpoint',
      hub.url,
      '--cache-dir',
      join(dir, 'cache'),
      '--data-dir',
      join(dir, 'data'),
      '--held-out',
      'coreference',
      '--cap',
      CAP,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    // The build log says what each Hub split cost; the large one read a sliver of its bytes.
    expect(r.stdout + r.stderr).toMatch(
      /wmt16_roen: train: fetched \d+\.\d+ MiB from the Hub, read \d+\.\d+ MiB of 71\.2 MiB/,
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.skipped).toEqual([]);

    // Every dataset is in the build: trained on, or (coreference, held out) evaluated.
    const built = new Set([...manifest.members.map(keyOf), ...manifest.eval.map(keyOf)]);
    expect(new Set([...built].map((k) => k.split('/')[0]))).toEqual(
      new Set(registry.datasets.map((d) => d.id)),
    );
    expect(built).toEqual(new Set([...replica.tasks.keys(), ...replica.manual]));

    // Per task split: the source the plan leaves working, its commit, its files and the bytes read.
    const expectHub = (key: string, origin: Origin | undefined, role: 'train' | 'test') => {
      const want = replica.tasks.get(key)!;
      expect(origin, key).toMatchObject({
        kind: 'hub',
        repo: want.repo,
        revision: want.revision,
        config: want.config,
        commit: want.commit,
        source: want.source,
        files: want.files[role],
      });
      if (key === LARGE && role === 'train') {
        // Footers and the row groups sampled from, not the split.
        expect(origin!.bytes!.total).toBe(want.bytes.train);
        expect(origin!.bytes!.total).toBeGreaterThan(64 * 2 ** 20);
        expect(origin!.bytes!.read / origin!.bytes!.total).toBeLessThan(0.02);
      } else {
        // Small splits are downloaded whole: the read touches every byte of them.
        expect(origin!.bytes, key).toEqual({ read: want.bytes[role], total: want.bytes[role] });
      }
    };
    const hubMembers = manifest.members.filter((m) => replica.tasks.has(keyOf(m)));
    expect(hubMembers.length).toBe(manifest.members.length - replica.manual.length);
    for (const m of hubMembers) expectHub(keyOf(m), m.origin, 'train');
    for (const e of manifest.eval) {
      const key = keyOf(e);
      if (replica.tasks.has(key)) expectHub(key, e.origin, e.split === 'test' ? 'test' : 'train');
      else expect(e.origin).toMatchObject({ kind: 'local' });
    }
    for (const m of manifest.members.filter((m) => !replica.tasks.has(keyOf(m))))
      expect(m.origin).toMatchObject({ kind: 'local', files: [`${keyOf(m)}/${m.origin.split}.jsonl`] });
    expect(manifest.eval.find((e) => e.dataset === 'wsc273')?.origin).toMatchObject({
      repo: 'ErnestSDavis/winograd_wsc',
      revision: 'refs/convert/parquet',
    });

    const large = manifest.members.find((m) => keyOf(m) === LARGE)!;
    expect(large.counts.rows).toBe(600_000);
    expect(large.counts.rowGroups).toEqual({ read: 1, total: 120 });

    // Tasks whose first source is gone or lacks a column used the next one, and say why.
    const passedOver = (key: string) => manifest.members.find((m) => keyOf(m) === key)!.origin.passedOver;
    for (const key of DEFAULT_PLAN.vanished!) {
      expect(replica.tasks.get(key)!.source).toBe(2);
      expect(passedOver(key)).toEqual([
        expect.stringMatching(
          /@refs\/convert\/parquet \(.*\): not found \(HTTP 404\): .* at revision refs\/convert\/parquet$/,
        ),
      ]);
    }
    for (const [key, column] of Object.entries(DEFAULT_PLAN.missingColumn!)) {
      expect(replica.tasks.get(key)!.source).toBe(2);
      const at = `${replica.tasks.get(key)!.repo}@refs/pr/7 (${replica.tasks.get(key)!.config}): `;
      expect(passedOver(key)).toEqual([expect.stringContaining(at)]);
      expect(passedOver(key)![0]).toContain(`column "${column}" is missing`);
    }
    const others = hubMembers.filter(
      (m) => !DEFAULT_PLAN.vanished!.includes(keyOf(m)) && !DEFAULT_PLAN.missingColumn![keyOf(m)],
    );
    for (const m of others) expect(m.origin.source, keyOf(m)).toBe(1);

    // Parquet bytes came from the CDN host only, never with the token-bearing Hub host.
    const cdn = hub.requests.filter((q) => q.host === 'cdn');
    expect(cdn.length).toBeGreaterThan(0);
    expect(hub.requests.filter((q) => q.url.startsWith('/cdn/') && q.host !== 'cdn')).toEqual([]);

    // The rows are the samples' rows: a build from the shipped samples gives the same training records, except
    // mnli's mismatched member, whose train split is matched's on the Hub (one train split for both).
    const samples = join(dir, 'samples');
    expect((await run(['build', '--held-out', 'coreference', '--cap', CAP, '--out', samples])).code).toBe(0);
    const same = (x: Record<string, unknown>) =>
      (x.dataset !== 'mnli' || x.task !== 'mismatched') && x.dataset !== LARGE.split('/')[0];
    // Sorted: the large task's examples change how the members interleave, not the records.
    const sorted = (records: Record<string, unknown>[]) =>
      records
        .filter(same)
        .map((x) => JSON.stringify(x))
        .sort();
    const fromHub = sorted(trainRecords(out));
    const fromSamples = sorted(trainRecords(samples));
    expect(fromHub.length).toBeGreaterThan(600);
    expect(fromHub).toEqual(fromSamples);
  }, 120_000);
});

// `flanmix check` over the Hub replica (every registry task in its real layout, typed like the Hub, LFS
// redirected to a second loopback host): each task's verdict and source are what the replica's plan makes
// them, types of every registry column are recognised in real nested parquet, and only footers are read.
import { createHash } from 'node:crypto';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksOf } from '../../src/registry/index.js';
import { checkHubSources } from '../../src/sources/hub/check.js';
import type { CheckReport } from '../../src/sources/hub/check-schema.js';
import { hubSettings } from '../../src/sources/hub/settings.js';
import { registry } from './fixtures.js';
import { addReplica, DEFAULT_PLAN, type Replica } from './hub-replica.js';
import { FakeHub, isVirtual } from './hub-server.js';

let hub: FakeHub;
let replica: Replica;
let report: CheckReport;
/** CDN path (`/cdn/{oid}`) → the file's bytes, and repo@commit:path → bytes. */
const blobs = new Map<string, Uint8Array>();
const byPath = new Map<string, Uint8Array>();

beforeAll(async () => {
  hub = new FakeHub();
  hub.separateCdn = true;
  replica = addReplica(hub);
  await hub.start();
  for (const [name, repo] of hub.repos) {
    for (const [commit, files] of Object.entries(repo.commits)) {
      for (const [path, content] of Object.entries(files)) {
        if (isVirtual(content)) continue;
        blobs.set(`/cdn/${createHash('sha256').update(content).digest('hex')}`, content);
        byPath.set(`${name}@${commit}:${path}`, content);
      }
    }
  }
  const settings = hubSettings(
    { kind: 'hub', endpoint: hub.url, retries: 1, retryDelayMs: 5 },
    {
      HF_TOKEN: 'hf_replicaTOKEN',
    },
  );
  report = await checkHubSources(tasksOf(registry.datasets), settings);
});

afterAll(async () => {
  await hub.stop();
});

const keyOf = (c: { dataset: string; task: string }) => `${c.dataset}/${c.task}`;

/** Rows of a file, from its whole bytes (not from range reads). */
const rowsOf = (content: Uint8Array) => Number(parquetMetadata(content).num_rows);

describe('flanmix check over the Hub replica', () => {
  it('every task: the verdict, source, commit and files the replica makes; manual tasks manual', () => {
    expect(report).toHaveLength(tasksOf(registry.datasets).length);
    for (const c of report) {
      const key = keyOf(c);
      if (replica.manual.includes(key)) {
        expect(c.verdict, key).toBe('manual');
        continue;
      }
      const want = replica.tasks.get(key)!;
      expect(c.verdict, key).toBe(want.source === 1 ? 'ok' : 'fell back');
      const source = {
        index: want.source,
        repo: want.repo,
        config: want.config,
        revision: want.revision,
        commit: want.commit,
      };
      expect(c.source, key).toEqual(source);
      const train = c.splits.find((s) => s.role === 'train');
      const test = c.splits.find((s) => s.role === 'eval')!;
      expect(train?.files ?? [], key).toEqual(want.files.train);
      expect(test.files, key).toEqual(want.files.test);
      expect([train?.bytes ?? 0, test.bytes], key).toEqual([want.bytes.train, want.bytes.test]);
      for (const s of c.splits) {
        const rows = s.files.reduce((n, p) => n + rowsOf(byPath.get(`${want.repo}@${want.commit}:${p}`)!), 0);
        expect(s.rows, `${key} ${s.role}`).toBe(rows);
      }
    }
    const verdicts = new Set(report.map((c) => c.verdict));
    expect([...verdicts].sort()).toEqual(['fell back', 'manual', 'ok']);
  });

  it('says why each first source was passed over', () => {
    for (const key of DEFAULT_PLAN.vanished!) {
      const c = report.find((x) => keyOf(x) === key)!;
      expect(c.failures.map((f) => f.reason)).toEqual(
        c.splits.map(() => expect.stringMatching(/^not found \(HTTP 404\): \S+ at revision /)),
      );
    }
    for (const [key, column] of Object.entries(DEFAULT_PLAN.missingColumn!)) {
      const c = report.find((x) => keyOf(x) === key)!;
      expect(c.failures.length, key).toBeGreaterThan(0);
      for (const f of c.failures) {
        expect(f.problem).toBe('mismatch');
        expect(f.reason).toContain(`column "${column}" is missing`);
      }
    }
  });

  it('reads only footers, from the CDN host, without the token', () => {
    const cdn = hub.requests.filter((r) => r.host === 'cdn');
    expect(cdn.length).toBeGreaterThan(0);
    for (const r of cdn) {
      expect(r.authorized, r.url).toBe(false);
      if (r.range === 'bytes=0-0') continue; // the resolve call's probe
      const file = blobs.get(r.url)!;
      const size = file.length;
      const length = new DataView(file.buffer, file.byteOffset).getUint32(size - 8, true);
      expect([`bytes=${size - 8}-${size - 1}`, `bytes=${size - 8 - length}-${size - 9}`], r.url).toContain(
        r.range,
      );
    }
    expect(
      hub.requests.filter((r) => r.host !== 'cdn').every((r) => r.authorization === 'Bearer hf_replicaTOKEN'),
    ).toBe(true);
  });
});

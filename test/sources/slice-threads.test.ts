import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapters/define.js';
import { ADAPTERS } from '../../src/adapters/index.js';
import type { Progress } from '../../src/mixture/progress.js';
import { buildMixture } from '../../src/pipeline/index.js';
import { getTask } from '../../src/registry/index.js';
import { LocalSource, readSampleRows, SourceError } from '../../src/sources/index.js';
import { ROOT } from '../helpers.js';
import { registry, tempDir } from './fixtures.js';

// Single-task datasets of several shapes: classification with labels, several examples per row (quac), long text, a
// translation pair; each task's rows are its sample rows repeated, so slices are long enough to interleave.
const TASKS = [
  ['rte', 'rte'],
  ['bool_q', 'bool_q'],
  ['quac', 'quac'],
  ['xsum', 'xsum'],
  ['wmt16_deen', 'wmt16_deen'],
  ['cola', 'cola'],
] as const;

let data: { path: string; remove: () => void };
let out: { path: string; remove: () => void };

beforeAll(() => {
  data = tempDir('threads-data');
  out = tempDir('threads-out');
  for (const [dataset, task] of TASKS) {
    const rows = readSampleRows(dataset, task);
    const many = Array.from({ length: 400 }, (_, i) => rows[i % rows.length]!);
    const dir = join(data.path, dataset);
    mkdirSync(dir, { recursive: true });
    const split = 'train';
    writeFileSync(join(dir, `${split}.jsonl`), many.map((r) => JSON.stringify(r)).join('\n'));
  }
});
afterAll(() => {
  data.remove();
  out.remove();
});

const datasets = [...new Set(TASKS.map(([d]) => d))];

function labels(): { progress: Progress; started: string[] } {
  const started: string[] = [];
  return { started, progress: { start: (l) => started.push(l), advance() {}, done() {} } };
}

async function build(name: string, workers: number, extra: Record<string, unknown> = {}) {
  const dir = join(out.path, name);
  const { progress, started } = labels();
  const result = await buildMixture(
    {
      source: 'local',
      dataDir: data.path,
      datasets,
      cap: 300,
      seed: 7,
      out: dir,
      eval: false,
      tokenizer: { kind: 'default', workers, forceWorkers: true },
      ...extra,
    },
    { progress },
  );
  const files = readdirSync(dir).filter((f) => f.startsWith('train'));
  const bytes = Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  delete manifest.options;
  return { result, bytes, manifest, started };
}

describe('training slices read on several threads', () => {
  it('give byte-identical shards and manifest for 1, 2 and 3 threads, and use the threads', async () => {
    const one = await build('one', 1);
    const two = await build('two', 2);
    const three = await build('three', 3);
    expect(one.started.some((l) => /on \d threads/.test(l))).toBe(false);
    expect(two.started).toContain(`reading ${TASKS.length} training slices on 2 threads`);
    expect(three.started).toContain(`reading ${TASKS.length} training slices on 3 threads`);
    expect(Object.keys(one.bytes).length).toBeGreaterThan(0);
    expect(two.bytes).toEqual(one.bytes);
    expect(three.bytes).toEqual(one.bytes);
    expect(two.manifest).toEqual(one.manifest);
    expect(three.manifest).toEqual(one.manifest);
    // quac makes several examples per row: its pool is larger than its rows read.
    const quac = one.result.members.find((m) => m.dataset === 'quac')!;
    expect(quac.counts.examples).toBeGreaterThan(quac.counts.read);
  });

  it('leave no spill folder behind (a build in a process of its own, with its own TMPDIR)', () => {
    const tmp = tempDir('threads-tmp');
    try {
      const r = spawnSync(
        process.execPath,
        [
          join(ROOT, 'dist', 'cli.js'),
          ...['build', '--out', join(out.path, 'spill'), '--source', 'local', '--data-dir', data.path],
          ...['--datasets', datasets.join(','), '--workers', '2', '--force-workers', '--no-eval'],
        ],
        { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp.path } },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`reading ${TASKS.length} training slices on 2 threads`);
      expect(readdirSync(tmp.path).filter((f) => f.startsWith('flanmix-spill-'))).toEqual([]);
    } finally {
      tmp.remove();
    }
  });

  it('keep the pools of one read whole through a second read on the same source', async () => {
    const source = new LocalSource(data.path);
    try {
      const refs = TASKS.map(([d, t]) => getTask(registry, d, t));
      const read = (seed: number, cap: number) =>
        source.trainingSlices(
          refs.map((ref) => ({ ref, options: { seed, cap } })),
          { threads: 2 },
        );
      const first = await read(1, 300);
      const examples = (r: (typeof first)[number]) => {
        if (r?.status !== 'fulfilled') throw new Error('a read failed');
        return Array.from({ length: r.value.train.size }, (_, i) => r.value.train.get(i));
      };
      const before = first.map(examples);
      // A smaller second read: files written again in place would end before the first read's records.
      await read(2, 40);
      expect(first.map(examples)).toEqual(before);
    } finally {
      await source.close();
    }
  });

  it("read a code adapter's task on this thread, beside the threads, with the same result", async () => {
    // A code adapter cannot cross to another thread; a copy of rte's behaves the same and must be run here.
    const copy = defineAdapter({ ...ADAPTERS.rte! });
    const catalog = { adapters: { rte: copy } };
    const one = await build('code-one', 1, { catalog });
    const two = await build('code-two', 2, { catalog });
    // rte's slice is read here; the five others on the threads.
    expect(two.started).toContain(`reading ${TASKS.length - 1} training slices on 2 threads`);
    expect(two.bytes).toEqual(one.bytes);
    expect(two.manifest).toEqual(one.manifest);
  });

  it('stop with the error a single thread gives: the file and the row at fault', async () => {
    const broken = tempDir('threads-broken');
    try {
      for (const [dataset, task] of TASKS) {
        const rows = readSampleRows(dataset, task);
        const dir = join(broken.path, dataset);
        mkdirSync(dir, { recursive: true });
        const lines = rows.map((r) => JSON.stringify(r));
        // cola's third row and bool_q's second lose a column: schema errors, never skipped; the
        // first in registry order is the one to report.
        if (dataset === 'cola') lines[2] = JSON.stringify({ label: 1, idx: 2 });
        if (dataset === 'bool_q') lines[1] = JSON.stringify({ question: 'q', answer: true });
        writeFileSync(join(dir, 'train.jsonl'), lines.join('\n'));
      }
      const { progress, started } = labels();
      const attempt = (workers: number) =>
        buildMixture(
          {
            source: 'local',
            dataDir: broken.path,
            datasets,
            cap: 300,
            out: join(out.path, `broken-${workers}`),
            eval: false,
            tokenizer: { kind: 'default', workers, forceWorkers: true },
          },
          { progress },
        ).then(
          () => 'built',
          (e: Error) => e,
        );
      const one = await attempt(1);
      expect(one).toBeInstanceOf(SourceError);
      for (const workers of [2, 3]) {
        const many = await attempt(workers);
        expect(started).toContain(`reading ${TASKS.length} training slices on ${workers} threads`);
        expect(many).toBeInstanceOf(SourceError);
        expect((many as Error).message).toBe((one as Error).message);
      }
    } finally {
      broken.remove();
    }
  });

  it('skip an unavailable task with the reason a single thread gives', async () => {
    const partial = tempDir('threads-partial');
    try {
      for (const [dataset, task] of TASKS.filter(([d]) => d !== 'xsum')) {
        const rows = readSampleRows(dataset, task);
        const dir = join(partial.path, dataset);
        mkdirSync(dir, { recursive: true });
        const split = 'train';
        writeFileSync(join(dir, `${split}.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n'));
      }
      const attempt = (workers: number) =>
        buildMixture({
          source: 'local',
          dataDir: partial.path,
          datasets,
          cap: 300,
          out: join(out.path, `partial-${workers}`),
          eval: false,
          skipUnavailable: true,
          tokenizer: { kind: 'default', workers, forceWorkers: true },
        });
      const one = await attempt(1);
      const two = await attempt(2);
      expect(two.skipped).toEqual(one.skipped);
      expect(two.skipped.map((s) => s.dataset)).toEqual(['xsum']);
      expect(two.members.map((m) => m.key)).toEqual(one.members.map((m) => m.key));
    } finally {
      partial.remove();
    }
  });
});

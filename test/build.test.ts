import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMixture } from '../src/pipeline/index.js';
import { CLUSTER_IDS, loadRegistry } from '../src/registry/index.js';
import { type DataSource, openSource, SourceUnavailableError } from '../src/sources/index.js';
import { loadTemplates, templatesFor } from '../src/templates/index.js';
import { readTfrecordExamples } from '../src/write/tfrecord/reader.js';
import { flanmix, readJsonl, snapshot, tempDir, trainRecords } from './helpers.js';
import { ALSO_REMOVED, EVAL_ONLY } from './split-table.js';

const registry = loadRegistry();
const catalog = loadTemplates(registry);

describe('end-to-end builds on the shipped samples, each cluster held out in turn', () => {
  for (const cluster of CLUSTER_IDS) {
    it(`--held-out ${cluster}`, () => {
      const out = tempDir();
      const r = flanmix(['build', '--out', out, '--held-out', cluster, '--seed', '7', '--shards', '3']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/members, \d+ examples in 3 shards/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      // The hand-written rule table, not heldOutSplit, says which clusters leave training.
      const gone = [cluster, ...ALSO_REMOVED[cluster]];
      const expectedTrain = registry.datasets
        .filter((d) => !gone.includes(d.cluster) && !EVAL_ONLY.includes(d.id))
        .map((d) => d.id)
        .sort();

      // Exactly the kept datasets reach the training shards: none held out or ruled out, none lost.
      const records = trainRecords(out);
      expect(records).toHaveLength(manifest.totals.examples);
      expect([...new Set(records.map((x) => x.dataset as string))].sort()).toEqual(expectedTrain);

      // Every held-out dataset has test (and, when it trains, validation) files: each example once under
      // every non-inverted template, so rows = examples × non-inverted templates.
      const evaluation = registry.datasets.filter((d) => d.cluster === cluster);
      expect(readdirSync(join(out, 'eval')).sort()).toEqual(evaluation.map((d) => d.id).sort());
      for (const d of evaluation) {
        for (const task of d.tasks) {
          const set = templatesFor(catalog, d.id, task.id);
          const expected = set.templates.filter((t) => !t.inverted).map((t) => t.index);
          const splits = task.splits.train === null ? ['test'] : ['test', 'validation'];
          let testExamples = 0;
          for (const s of splits) {
            const file = join(out, 'eval', d.id, `${task.id}.${s}.jsonl`);
            expect(existsSync(file), file).toBe(true);
            const rows = readJsonl<{
              template: number;
              example: number;
              options: string[] | null;
              targets: string;
              source_lang: string | null;
              target_lang: string | null;
            }>(file);
            const byExample = new Map<number, number[]>();
            for (const row of rows)
              byExample.set(row.example, [...(byExample.get(row.example) ?? []), row.template]);
            for (const templates of byExample.values()) expect(templates).toEqual(expected);
            // Samples serve as every split, so the validation file is the tail of a training slice drawn from
            // the test file's examples: min(validation size, floor(examples / 4)) of them (the quarter rule).
            if (s === 'test') testExamples = byExample.size;
            const n =
              s === 'test' ? testExamples : Math.min(task.validationSize, Math.floor(testExamples / 4));
            expect(n, file).toBeGreaterThan(0);
            expect([...byExample.keys()], file).toEqual(Array.from({ length: n }, (_, i) => i));
            expect(rows, file).toHaveLength(n * expected.length);
            if (d.kind === 'classification')
              for (const row of rows) expect(row.options).toContain(row.targets);
            // Translation is scored both ways: every example comes out of English and into it.
            const directions = new Set(rows.map((row) => `${row.source_lang}>${row.target_lang}`));
            if (d.cluster === 'translation') {
              const code = [rows[0]!.source_lang, rows[0]!.target_lang].find((c) => c !== 'en');
              expect(code).toMatch(/^[a-z]{2}$/);
              expect([...directions].sort()).toEqual([`${code}>en`, `en>${code}`].sort());
            } else expect([...directions]).toEqual(['null>null']);
          }
        }
      }
    });
  }
});

describe('determinism', () => {
  it('same options and seed give byte-identical output; another seed changes order and templates', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const opts = { seed: 3, heldOut: ['nli' as const], shards: 4 };
    await buildMixture({ ...opts, out: a });
    await buildMixture({ ...opts, out: b });
    await buildMixture({ ...opts, seed: 4, out: c });
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sa.keys()].sort()).toEqual([...sb.keys()].sort());
    for (const [file, bytes] of sa) expect(bytes.equals(sb.get(file)!), file).toBe(true);
    const ra = trainRecords(a);
    const rc = trainRecords(c);
    expect(JSON.stringify(ra)).not.toBe(JSON.stringify(rc));
    expect(ra.map((x) => x.template).join()).not.toBe(rc.map((x) => x.template).join());
  });

  it('the shard count does not change which examples are in the mixture, nor their order', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await buildMixture({ seed: 9, shards: 8, out: a, datasets: ['rte', 'xsum', 'anli', 'copa'] });
    await buildMixture({ seed: 9, shards: 3, out: b, datasets: ['rte', 'xsum', 'anli', 'copa'] });
    expect(readdirSync(a).filter((f) => f.startsWith('train-'))).toHaveLength(8);
    expect(JSON.stringify(trainRecords(a))).toBe(JSON.stringify(trainRecords(b)));
  });

  it('writes gzip shards that decompress to the same records', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await buildMixture({ seed: 2, shards: 2, out: a, datasets: ['rte', 'cb'] });
    const r = await buildMixture({ seed: 2, shards: 2, out: b, datasets: ['rte', 'cb'], gzip: true });
    const { gunzipSync } = await import('node:zlib');
    const text = r.shards.map((s) => gunzipSync(readFileSync(join(b, s.file))).toString('utf8')).join('');
    const plain = readdirSync(a)
      .filter((f) => f.startsWith('train-'))
      .sort()
      .map((f) => readFileSync(join(a, f), 'utf8'))
      .join('');
    expect(text).toBe(plain);
  });
});

describe('manifest', () => {
  it('records options, hashes, members, shards with sha256, and no machine paths', async () => {
    const out = tempDir();
    const r = await buildMixture({ seed: 1, out, datasets: ['rte', 'anli', 'wsc273'], shards: 2 });
    const m = JSON.parse(readFileSync(r.manifest, 'utf8'));
    expect(m.flanmix).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.options).toMatchObject({ seed: 1, cap: 30000, rateMax: 3000, format: 'instruction' });
    expect(m.options).not.toHaveProperty('out');
    expect(JSON.stringify(m)).not.toContain(out);
    expect(m.hashes.registry).toMatch(/^[0-9a-f]{64}$/);
    expect(m.hashes.templates).toMatch(/^[0-9a-f]{64}$/);
    expect(m.members.map((x: { key: string }) => x.key)).toEqual(['anli/r1', 'anli/r2', 'anli/r3', 'rte']);
    const { createHash } = await import('node:crypto');
    for (const s of m.shards) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(out, s.file)))
          .digest('hex'),
      ).toBe(s.sha256);
    }
    expect(m.totals.examples).toBe(m.members.reduce((n: number, x: { count: number }) => n + x.count, 0));
    expect(readdirSync(out).some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('records skipped datasets with --skip-unavailable, and fails without it', async () => {
    // A source that cannot have story_cloze (a manual dataset with no files), and has every other task.
    const samples = openSource({ kind: 'samples' });
    const source: DataSource = {
      ...samples,
      kind: 'samples',
      trainingSlice: (ref, o) =>
        ref.dataset.id === 'story_cloze'
          ? Promise.reject(
              new SourceUnavailableError('story_cloze', 'story_cloze', 'manual dataset: no files supplied'),
            )
          : samples.trainingSlice(ref, o),
      evalSplit: (ref, o) => samples.evalSplit(ref, o),
      close: () => samples.close(),
    };
    const opts = { seed: 1, out: tempDir(), datasets: ['rte', 'story_cloze'] };
    await expect(buildMixture(opts, { source })).rejects.toThrow(
      /story_cloze.*manual dataset: no files supplied/,
    );
    const r = await buildMixture({ ...opts, skipUnavailable: true }, { source });
    expect(r.skipped).toEqual([
      { dataset: 'story_cloze', task: 'story_cloze', reason: 'manual dataset: no files supplied' },
    ]);
    const m = JSON.parse(readFileSync(r.manifest, 'utf8'));
    expect(m.skipped).toEqual(r.skipped);
    expect(m.members.map((x: { key: string }) => x.key)).toEqual(['rte']);
    expect(trainRecords(opts.out).every((x) => x.dataset === 'rte')).toBe(true);
  });

  it('a rebuild replaces the previous outputs, so no stale shard or manifest remains', async () => {
    const out = tempDir();
    await buildMixture({ seed: 1, out, datasets: ['rte', 'cb', 'sst2'], shards: 5, heldOut: ['sentiment'] });
    expect(existsSync(join(out, 'eval', 'sst2'))).toBe(true);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await buildMixture({ seed: 2, out, datasets: ['rte', 'cb'], shards: 2 });
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'README.md',
      'manifest.json',
      'notes.txt',
      'report.html',
      'train-00000-of-00002.jsonl',
      'train-00001-of-00002.jsonl',
    ]);
  });

  it('gzip rebuilds are byte-identical, with a platform-neutral gzip header', async () => {
    const [a, b] = [tempDir(), tempDir()];
    const ra = await buildMixture({ seed: 5, out: a, datasets: ['rte', 'xsum'], gzip: true, shards: 2 });
    await buildMixture({ seed: 5, out: b, datasets: ['rte', 'xsum'], gzip: true, shards: 2 });
    for (const s of ra.shards) {
      const bytes = readFileSync(join(a, s.file));
      expect(bytes[9]).toBe(0xff);
      expect(bytes.equals(readFileSync(join(b, s.file)))).toBe(true);
    }
  });
});

describe('packed outputs', () => {
  it('writes enc-dec TFRecord shards with info and stats; rows read back with valid features', async () => {
    const out = tempDir();
    const r = flanmix([
      'build',
      '--out',
      out,
      '--output',
      'tfrecord',
      '--shards',
      '2',
      '--datasets',
      'rte,xsum,copa',
      '--workers',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/examples packed into \d+ rows in 2 shards/);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.shards.map((s: { file: string }) => s.file)).toEqual([
      'train.tfrecord-00000-of-00002',
      'train.tfrecord-00001-of-00002',
    ]);
    expect(m.packed.tokenizer.name).toMatch(/mistral/i);
    expect(m.packed.report.examples).toBe(m.totals.examples);
    const info = JSON.parse(readFileSync(join(out, 'info.train.json'), 'utf8'));
    // seqio's enc-dec features at FLAN's 1024 / 256, nothing more, nothing less.
    const enc = { dtype: 'int32', shape: [1024] };
    const dec = { dtype: 'int32', shape: [256] };
    expect(info.features).toEqual({
      encoder_input_tokens: enc,
      encoder_segment_ids: enc,
      encoder_positions: enc,
      decoder_target_tokens: dec,
      decoder_input_tokens: dec,
      decoder_loss_weights: dec,
      decoder_segment_ids: dec,
      decoder_positions: dec,
    });
    expect(info.num_shards).toBe(2);
    const rows = m.shards.flatMap((s: { file: string }) => readTfrecordExamples(join(out, s.file)));
    expect(rows).toHaveLength(m.totals.packedRows);
    let segments = 0;
    for (const row of rows) {
      const inputs = row.encoder_input_tokens!.values as number[];
      const seg = row.encoder_segment_ids!.values as number[];
      expect(inputs).toHaveLength(1024);
      expect(row.decoder_target_tokens!.values).toHaveLength(256);
      segments += Math.max(...seg);
    }
    expect(segments).toBe(m.totals.examples);
  });

  it('packed builds are byte-identical for a seed', async () => {
    const [a, b] = [tempDir(), tempDir()];
    const opts = { seed: 3, datasets: ['rte', 'anli'], output: 'packed-jsonl' as const, shards: 2 };
    await buildMixture({ ...opts, out: a, tokenizer: { kind: 'default', workers: 1 } });
    await buildMixture({ ...opts, out: b, tokenizer: { kind: 'default', workers: 2, forceWorkers: true } });
    const sa = snapshot(a);
    const sb = snapshot(b);
    for (const [file, bytes] of sa) {
      if (file === 'manifest.json') continue; // records the worker count among the options
      expect(bytes.equals(sb.get(file)!), file).toBe(true);
    }
  });
});

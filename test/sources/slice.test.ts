import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/adapters/types.js';
import { rngFor } from '../../src/mixture/rng.js';
import { getTask } from '../../src/registry/index.js';
import { matchSplitFiles } from '../../src/sources/hub/match.js';
import { hubSettings, redact } from '../../src/sources/hub/settings.js';
import {
  examplesNeeded,
  openSource,
  SamplesSource,
  SourceUnavailableError,
  sliceSizes,
} from '../../src/sources/index.js';
import { LazyPermutation } from '../../src/sources/permutation.js';
import { trainingSliceFrom } from '../../src/sources/slice.js';
import { MemoryStore, SpillStore } from '../../src/sources/spill.js';
import { ArrayTable } from '../../src/sources/table.js';
import { CsvParser } from '../../src/sources/text.js';
import { manyRteRows, registry, rte } from './fixtures.js';

describe('training slice sizes (Part A §4)', () => {
  it("uses FLAN's tail sizes, never more than a quarter of the examples", () => {
    expect(sliceSizes(100000, 30000, 200)).toEqual({ train: 30000, validation: 200 });
    expect(sliceSizes(2490, 30000, 200)).toEqual({ train: 2290, validation: 200 });
    expect(sliceSizes(250, 30000, 50)).toEqual({ train: 200, validation: 50 });
    expect(sliceSizes(14, 30000, 200)).toEqual({ train: 11, validation: 3 });
    expect(sliceSizes(3, 30000, 200)).toEqual({ train: 3, validation: 0 });
    expect(sliceSizes(0, 30000, 200)).toEqual({ train: 0, validation: 0 });
  });

  it('registry defaults: 50 for cb and copa; 30 for wnli; 100 for stsb, piqa, coqa; 200 otherwise', () => {
    const size = (d: string) => getTask(registry, d).task.validationSize;
    expect([size('cb'), size('copa')]).toEqual([50, 50]);
    expect(size('wnli')).toBe(30);
    expect([size('stsb'), size('piqa'), size('coqa')]).toEqual([100, 100, 100]);
    expect(size('rte')).toBe(200);
  });

  it('property: a capped read gives the same slice as a full read, and train(cap) is a prefix of train(larger cap)', async () => {
    const rows = manyRteRows(3000);
    const table = new ArrayTable(rows, 'memory');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 3500 }),
        fc.integer({ min: 0, max: 300 }),
        async (seed, cap, validationSize) => {
          const store = new MemoryStore();
          const origin = { kind: 'samples' as const, files: [] };
          const small = await trainingSliceFrom(table, rte, store, origin, { seed, cap, validationSize });
          const big = await trainingSliceFrom(table, rte, store, origin, {
            seed,
            cap: 100000,
            validationSize,
          });
          const expected = sliceSizes(3000, cap, validationSize);
          expect(small.train.size).toBe(expected.train);
          expect(small.validation.size).toBe(expected.validation);
          // rows read stop early only when the cap allows it
          if (small.counts.read < 3000)
            expect(small.counts.examples).toBe(examplesNeeded(cap, validationSize));
          // Every element, not a sample: a capped read that drifts after one row would show.
          const all = <T>(pool: { size: number; get(i: number): T }) =>
            Array.from({ length: pool.size }, (_, i) => pool.get(i));
          expect(all(small.train)).toEqual(all(big.train).slice(0, small.train.size));
          // The full shuffled order of examples is big.train then big.validation (the tail). The validation
          // slice follows the training slice in that order: the tail itself when the cap does not bite.
          const at = (j: number) =>
            j < big.train.size ? big.train.get(j) : big.validation.get(j - big.train.size);
          expect(all(small.validation)).toEqual(
            Array.from({ length: small.validation.size }, (_, i) => at(expected.train + i)),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('shuffles with the seed mixed with the task key: reproducible, different per seed and per task', async () => {
    const rows = manyRteRows(500);
    const order = async (seed: number, key: string) => {
      const s = await trainingSliceFrom(
        new ArrayTable(rows, 'memory'),
        { ...rte, key },
        new MemoryStore(),
        { kind: 'samples', files: [] },
        { seed, cap: 50 },
      );
      return Array.from({ length: s.train.size }, (_, i) => s.train.get(i).fields.premise);
    };
    expect(await order(1, 'rte')).toEqual(await order(1, 'rte'));
    expect(await order(1, 'rte')).not.toEqual(await order(2, 'rte'));
    expect(await order(1, 'rte')).not.toEqual(await order(1, 'other'));
  });

  it('counts filtered rows by reason and keeps them out of the pools', async () => {
    const snli = getTask(registry, 'snli');
    const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({
      premise: `p${i}`,
      hypothesis: `h${i}`,
      label: i % 10 === 0 ? -1 : i % 3,
    }));
    const s = await trainingSliceFrom(
      new ArrayTable(rows, 'memory'),
      snli,
      new MemoryStore(),
      { kind: 'samples', files: [] },
      {
        seed: 0,
        cap: 100,
      },
    );
    expect(s.counts.rows).toBe(40);
    expect(s.counts.examples).toBe(36);
    expect(Object.values(s.counts.filtered)).toEqual([4]);
    expect(s.counts.train + s.counts.validation).toBe(36);
  });
});

describe('LazyPermutation', () => {
  it('is a permutation, and the sparse form (large n) draws the same values as the dense form', () => {
    const dense = new LazyPermutation(1000, rngFor(1, 'p'));
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(dense.next()!);
    expect(seen.size).toBe(1000);
    expect(dense.next()).toBeUndefined();
    // Same algorithm, huge n: values are in range and distinct.
    const sparse = new LazyPermutation(50_000_000, rngFor(1, 'p'));
    const drawn = Array.from({ length: 5000 }, () => sparse.next()!);
    expect(new Set(drawn).size).toBe(5000);
    expect(drawn.every((v) => v >= 0 && v < 50_000_000)).toBe(true);
  });

  it('dense and sparse storage give identical sequences', () => {
    const a = new LazyPermutation(5000, rngFor(3, 'x'));
    const b = new LazyPermutation(5000, rngFor(3, 'x'), 4999); // one above the limit: sparse
    const seqA = Array.from({ length: 5001 }, () => a.next());
    const seqB = Array.from({ length: 5001 }, () => b.next());
    expect(seqB).toEqual(seqA);
    expect(seqA[5000]).toBeUndefined();
    expect(new Set(seqA.slice(0, 5000)).size).toBe(5000);
  });
});

describe('Hub file matching rule', () => {
  const main = [
    'README.md',
    'mnli/train-00000-of-00001.parquet',
    'mnli/validation_matched-00000-of-00001.parquet',
    'mnli/validation_mismatched-00000-of-00001.parquet',
    'qnli/validation-00000-of-00001.parquet',
    'plain_text/train_r1-00000-of-00001.parquet',
    'plain_text/train_r2-00000-of-00001.parquet',
    'fr-en/train-00000-of-00030.parquet',
    'fr-en/train-00002-of-00030.parquet',
    'fr-en/train-00010-of-00030.parquet',
  ];
  it('matches whole split names in the config folder', () => {
    expect(matchSplitFiles(main, 'mnli', 'train')).toEqual(['mnli/train-00000-of-00001.parquet']);
    expect(matchSplitFiles(main, 'mnli', 'validation_matched')).toEqual([
      'mnli/validation_matched-00000-of-00001.parquet',
    ]);
    expect(matchSplitFiles(main, 'mnli', 'validation')).toEqual([]);
    expect(matchSplitFiles(main, 'plain_text', 'train_r2')).toEqual([
      'plain_text/train_r2-00000-of-00001.parquet',
    ]);
    expect(matchSplitFiles(main, 'plain_text', 'train')).toEqual([]);
    expect(matchSplitFiles(main, 'fr-en', 'train')).toEqual([
      'fr-en/train-00000-of-00030.parquet',
      'fr-en/train-00002-of-00030.parquet',
      'fr-en/train-00010-of-00030.parquet',
    ]);
  });
  it('falls back to data/ and the root for single-config repos (with hashed shard names)', () => {
    const boolq = [
      'data/train-00000-of-00001-8b6bb8a7ee51a1c2.parquet',
      'data/validation-00000-of-00001.parquet',
    ];
    expect(matchSplitFiles(boolq, 'default', 'train')).toEqual([
      'data/train-00000-of-00001-8b6bb8a7ee51a1c2.parquet',
    ]);
    expect(matchSplitFiles(['train.parquet', 'test.parquet'], 'default', 'test')).toEqual(['test.parquet']);
    expect(matchSplitFiles(['data/x/train-00000-of-00001.parquet'], 'x', 'train')).toEqual([
      'data/x/train-00000-of-00001.parquet',
    ]);
  });
  it('reads refs/convert/parquet layouts: {config}/{split}/N.parquet, partial-{split}, {repo}-{split}.parquet', () => {
    const converted = [
      'winogrande_xl/train/0000.parquet',
      'winogrande_xl/train/0001.parquet',
      'winogrande_xl/validation/0000.parquet',
      'winogrande_xs/train/0000.parquet',
      'big/partial-train/0000.parquet',
      'default/xsum-train.parquet',
      'default/xsum-test.parquet',
      'default/xsum-validation-00000-of-00002.parquet',
      'default/xsum-validation-00001-of-00002.parquet',
    ];
    expect(matchSplitFiles(converted, 'winogrande_xl', 'train')).toEqual([
      'winogrande_xl/train/0000.parquet',
      'winogrande_xl/train/0001.parquet',
    ]);
    expect(matchSplitFiles(converted, 'big', 'train')).toEqual(['big/partial-train/0000.parquet']);
    expect(matchSplitFiles(converted, 'default', 'test')).toEqual(['default/xsum-test.parquet']);
    expect(matchSplitFiles(converted, 'default', 'validation')).toEqual([
      'default/xsum-validation-00000-of-00002.parquet',
      'default/xsum-validation-00001-of-00002.parquet',
    ]);
  });
});

describe('CSV parser', () => {
  const parse = (text: string, chunk = 3) => {
    const p = new CsvParser(',', true, 'x.csv');
    const out: string[][] = [];
    for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk), (r) => out.push(r));
    p.end((r) => out.push(r));
    return out;
  };
  it('handles quotes, doubled quotes, embedded newlines and CRLF across chunk boundaries', () => {
    expect(parse('a,b\r\n"x, ""y""","line1\nline2"\r\n\r\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
      ['last', ''],
    ]);
    expect(parse('a,b', 1)).toEqual([['a', 'b']]);
  });
  it('property: any table of strings survives a quoted round trip, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é') }), {
            minLength: 2,
            maxLength: 2,
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.integer({ min: 1, max: 7 }),
        (rows, chunk) => {
          const text = rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n');
          expect(parse(text, chunk)).toEqual(rows);
        },
      ),
    );
  });
});

describe('samples source', () => {
  it('serves the shipped rows as every split, through the same interface', async () => {
    const s = openSource({ kind: 'samples' });
    const slice = await s.trainingSlice(rte, { seed: 0, cap: 30000 });
    expect(slice.origin).toEqual({ kind: 'samples', split: 'samples', files: ['samples/rte/rte.jsonl'] });
    expect(slice.counts).toMatchObject({ rows: 14, read: 14, examples: 14, train: 11, validation: 3 });
    const test = await s.evalSplit(rte, {});
    expect(test.pool.size).toBe(14);
    const capped = await s.trainingSlice(rte, { seed: 0, cap: 4, validationSize: 2 });
    expect([capped.train.size, capped.validation.size]).toEqual([4, 2]);
    await s.close();
  });

  it('an evaluation-only task (wsc273) has an empty training slice from Hub and local sources', async () => {
    const ref = getTask(registry, 'wsc273');
    expect(ref.task.splits.train).toBeNull();
    for (const spec of [
      { kind: 'local' as const, dir: '/nonexistent' },
      { kind: 'hub' as const, endpoint: 'http://127.0.0.1:9', offline: true },
    ]) {
      const slice = await openSource(spec, {}).trainingSlice(ref, { seed: 0, cap: 10 });
      expect(slice.train.size + slice.validation.size).toBe(0);
    }
    const s = new SamplesSource();
    expect((await s.evalSplit(ref, { limit: 3 })).pool.size).toBe(3);
    await s.close();
  });

  it('a task without shipped rows is unavailable', async () => {
    const ref = { ...rte, dataset: { ...rte.dataset, id: 'no_such_dataset' } };
    await expect(new SamplesSource().trainingSlice(ref, { seed: 0, cap: 1 })).rejects.toBeInstanceOf(
      SourceUnavailableError,
    );
  });
});

describe('spill store', () => {
  it('keeps examples on disk, reads them back by index, and removes its folder on close', async () => {
    const store = new SpillStore();
    const ids = Array.from({ length: 5000 }, (_, i) =>
      store.add({
        fields: { text: `example ${i} ${'x'.repeat(i % 300)}`, answer: 'é' },
        options: ['a', 'é'],
      }),
    );
    const pool = store.pool(ids.slice().reverse());
    expect(pool.size).toBe(5000);
    expect(pool.get(0).fields.text).toMatch(/^example 4999 /);
    expect(pool.get(4999)).toEqual({ fields: { text: 'example 0 ', answer: 'é' }, options: ['a', 'é'] });
    expect(() => pool.get(5000)).toThrow(RangeError);
    const { existsSync } = await import('node:fs');
    const path = store.path!;
    expect(existsSync(path)).toBe(true);
    store.close();
    expect(existsSync(path)).toBe(false);
    expect(() => pool.get(0)).toThrow(/closed/);
  });
});

describe('Hub settings from the environment', () => {
  it('honours HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE / HF_HOME and HF_HUB_OFFLINE; the spec wins, offline if either asks', () => {
    const env = {
      HF_ENDPOINT: 'https://mirror.example/hf/',
      HF_TOKEN: 'hf_x',
      HF_HOME: '/h',
      HF_HUB_OFFLINE: '1',
    };
    expect(hubSettings({ kind: 'hub' }, env)).toMatchObject({
      endpoint: 'https://mirror.example/hf',
      token: 'hf_x',
      cacheDir: join('/h', 'hub'),
      offline: true,
    });
    expect(hubSettings({ kind: 'hub', offline: false }, env).offline).toBe(true);
    expect(
      hubSettings({ kind: 'hub', endpoint: 'http://127.0.0.1:1', token: 'hf_y', cacheDir: '/c' }, env),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:1',
      token: 'hf_y',
      cacheDir: '/c',
    });
    expect(hubSettings({ kind: 'hub' }, { HF_HUB_CACHE: '/hc', HF_HOME: '/h' }).cacheDir).toBe('/hc');
    expect(hubSettings({ kind: 'hub' }, { XDG_CACHE_HOME: '/x' }).cacheDir).toBe(
      join('/x', 'huggingface', 'hub'),
    );
    expect(hubSettings({ kind: 'hub' }, {})).toMatchObject({
      endpoint: 'https://huggingface.co',
      token: undefined,
      offline: false,
    });
    expect(redact('Bearer hf_secret failed', 'hf_secret')).toBe('Bearer hf_*** failed');
  });
});

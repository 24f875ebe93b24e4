import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Row } from '../../src/adapters/types.js';
import { getTask } from '../../src/registry/index.js';
import {
  type DataSource,
  openSource,
  SamplesSource,
  SourceError,
  SourceUnavailableError,
  samplePath,
  type TrainingSlice,
} from '../../src/sources/index.js';
import { trainingSliceFrom } from '../../src/sources/slice.js';
import { MemoryStore } from '../../src/sources/spill.js';
import { ArrayTable } from '../../src/sources/table.js';
import { registry, rte, rteParquet, rteRows, tempDir } from './fixtures.js';

let dir: { path: string; remove: () => void };
const opened: DataSource[] = [];

function local(): DataSource {
  const s = openSource({ kind: 'local', dir: dir.path });
  opened.push(s);
  return s;
}

function put(rel: string, content: string | Uint8Array): void {
  const p = join(dir.path, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
}

const jsonl = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const quote = (v: unknown) =>
  `"${String(typeof v === 'object' ? JSON.stringify(v) : v).replaceAll('"', '""')}"`;
function csv(rows: readonly Row[], columns: string[], eol = '\n'): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c])).join(','))].join(eol) + eol;
}

function examples(slice: TrainingSlice) {
  return {
    train: Array.from({ length: slice.train.size }, (_, i) => slice.train.get(i)),
    validation: Array.from({ length: slice.validation.size }, (_, i) => slice.validation.get(i)),
  };
}

async function reference(rows: readonly Row[], seed: number, cap = 30000) {
  return examples(
    await trainingSliceFrom(
      new ArrayTable(rows, 'memory'),
      rte,
      new MemoryStore(),
      { kind: 'samples', files: [] },
      {
        seed,
        cap,
      },
    ),
  );
}

beforeEach(() => {
  dir = tempDir('local');
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  dir.remove();
});

describe('local source: layouts and formats', () => {
  it('reads <dir>/<dataset>/<split>.jsonl for a single-task dataset, same slice as the samples', async () => {
    put('rte/train.jsonl', `${jsonl(rteRows)}\n\n`);
    put('rte/validation.jsonl', jsonl([...rteRows].reverse()));
    const slice = await local().trainingSlice(rte, { seed: 4, cap: 30000 });
    expect(slice.origin).toEqual({ kind: 'local', split: 'train', files: ['rte/train.jsonl'] });
    const samples = new SamplesSource();
    expect(examples(slice)).toEqual(examples(await samples.trainingSlice(rte, { seed: 4, cap: 30000 })));
    await samples.close();
    const test = await local().evalSplit(rte, { limit: 2 });
    expect(test.origin.files).toEqual(['rte/validation.jsonl']);
    expect(test.pool.get(0).fields.premise).toBe(rteRows.at(-1)!.premise);
  });

  it('reads CSV: quoted fields with commas, quotes and newlines, CRLF, a BOM, typed columns', async () => {
    const rows = rteRows.map((r, i) =>
      i === 2 ? { ...r, premise: 'He said "yes, of course",\nthen left.\r\nThe end.' } : r,
    );
    put('rte/train.csv', `\ufeff${csv(rows, ['idx', 'premise', 'hypothesis', 'label'], '\r\n')}`);
    const slice = await local().trainingSlice(rte, { seed: 9, cap: 30000 });
    expect(examples(slice)).toEqual(await reference(rows, 9));
    const all = [...examples(slice).train, ...examples(slice).validation];
    expect(all.map((e) => e.fields.premise)).toContain('He said "yes, of course",\nthen left.\r\nThe end.');
  });

  it('reads parquet, a multi-task dataset at <dir>/<dataset>/<task>/<split>.parquet', async () => {
    const anli = getTask(registry, 'anli', 'r2');
    put('anli/r2/train_r2.parquet', rteParquet(rteRows));
    const slice = await local().trainingSlice(anli, { seed: 1, cap: 5 });
    expect(slice.origin.files).toEqual(['anli/r2/train_r2.parquet']);
    expect(slice.train.size).toBe(5);
    expect(slice.counts.rowGroups).toEqual({ read: 1, total: 1 });
    // A multi-task dataset's split file must sit in the task's folder.
    put('anli/train_r1.parquet', rteParquet(rteRows));
    await expect(
      local().trainingSlice(getTask(registry, 'anli', 'r1'), { seed: 1, cap: 5 }),
    ).rejects.toBeInstanceOf(SourceUnavailableError);
  });

  it('reads a <split>/ folder of shards in natural order, and gzipped JSONL', async () => {
    put('rte/train/part-2.jsonl.gz', gzipSync(jsonl(rteRows.slice(5, 10))));
    put('rte/train/part-10.jsonl', jsonl(rteRows.slice(10)));
    put('rte/train/part-1.jsonl', jsonl(rteRows.slice(0, 5)));
    const slice = await local().trainingSlice(rte, { seed: 4, cap: 30000 });
    expect(slice.origin.files).toEqual([
      'rte/train/part-1.jsonl',
      'rte/train/part-2.jsonl.gz',
      'rte/train/part-10.jsonl',
    ]);
    expect(examples(slice)).toEqual(await reference(rteRows, 4));
  });

  it('reads TSV without quoting (ParaCrawl), and a manual dataset joins a Hub build through localDir', async () => {
    const ref = getTask(registry, 'para_crawl_enes');
    const rows = [
      { en: 'He said "hello".', es: 'Dijo "hola".' },
      { en: '"Quoted" start', es: '"Citado" al inicio' },
      ...Array.from({ length: 10 }, (_, i) => ({ en: `Sentence ${i}.`, es: `Frase ${i}.` })),
    ];
    put('para_crawl_enes/train.tsv', ['en\tes', ...rows.map((r) => `${r.en}\t${r.es}`)].join('\n'));
    const hub = openSource(
      { kind: 'hub', endpoint: 'http://127.0.0.1:9', localDir: dir.path, offline: true },
      {},
    );
    opened.push(hub);
    const slice = await hub.trainingSlice(ref, { seed: 0, cap: 100 });
    expect(slice.origin).toMatchObject({ kind: 'local', files: ['para_crawl_enes/train.tsv'] });
    expect(slice.counts).toMatchObject({ rows: 12, train: 9, validation: 3 });
    const seen = examples(slice).train.concat(examples(slice).validation);
    expect(seen.map((e) => Object.values(e.fields).join(' | ')).join('\n')).toContain('"Quoted" start');
  });

  it('renames columns with columns.json (the official StoryCloze CSV headers)', async () => {
    const ref = getTask(registry, 'story_cloze');
    const rows = (await import('node:fs')).readFileSync(samplePath('story_cloze', 'story_cloze'), 'utf8');
    const sample = rows
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    const official = {
      InputStoryid: 'input_story_id',
      InputSentence1: 'input_sentence_1',
      InputSentence2: 'input_sentence_2',
      InputSentence3: 'input_sentence_3',
      InputSentence4: 'input_sentence_4',
      RandomFifthSentenceQuiz1: 'sentence_quiz1',
      RandomFifthSentenceQuiz2: 'sentence_quiz2',
      AnswerRightEnding: 'answer_right_ending',
    };
    put('story_cloze/columns.json', JSON.stringify(official));
    const renamed = sample.map((r, i) => {
      const out: Row = { InputStoryid: `story-${i}` };
      for (const [from, to] of Object.entries(official)) if (to in r) out[from] = r[to];
      return out;
    });
    put('story_cloze/validation.csv', csv(renamed, Object.keys(official)));
    copyFileSync(samplePath('story_cloze', 'story_cloze'), join(dir.path, 'story_cloze', 'test.jsonl'));
    const slice = await local().trainingSlice(ref, { seed: 2, cap: 30000 });
    expect(slice.origin).toEqual({
      kind: 'local',
      split: 'validation',
      files: ['story_cloze/validation.csv'],
    });
    expect(slice.counts.examples).toBe(sample.length);
    const samples = new SamplesSource();
    expect(examples(slice)).toEqual(examples(await samples.trainingSlice(ref, { seed: 2, cap: 30000 })));
    await samples.close();
  });
});

describe('local source: failures', () => {
  it('a manual dataset without files is unavailable and says what to supply, where', async () => {
    const ref = getTask(registry, 'story_cloze');
    const err = await local()
      .trainingSlice(ref, { seed: 0, cap: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err).toMatchObject({ dataset: 'story_cloze', task: 'story_cloze' });
    expect((err as SourceUnavailableError).reason).toContain('StoryCloze 2016 validation and test files');
    expect((err as SourceUnavailableError).reason).toContain(
      'expected files under <data-dir>/story_cloze/: the validation split as validation.{parquet,jsonl,csv} with columns input_sentence_1,',
    );
    // The reason goes into manifests: no path of this machine in it.
    expect((err as SourceUnavailableError).reason).not.toContain(dir.path);
  });

  it('names dataset, task, file and column when a CSV header lacks a registry column', async () => {
    put('rte/train.csv', csv(rteRows, ['premise', 'label']));
    await expect(local().trainingSlice(rte, { seed: 0, cap: 10 })).rejects.toThrow(
      'rte/rte: rte/train.csv: column "hypothesis" is missing from the header (the registry expects premise, hypothesis, label; the header has premise, label)',
    );
  });

  it('names the file and row when a JSONL row lacks a column', async () => {
    put(
      'rte/train.jsonl',
      jsonl(rteRows.map((r, i) => (i === 3 ? { premise: r.premise, label: r.label } : r))),
    );
    await expect(
      local().evalSplit({ ...rte, task: { ...rte.task, splits: { train: 'train', test: 'train' } } }, {}),
    ).rejects.toThrow(/^rte\/rte: rte\/train\.jsonl row 4: column "hypothesis" is missing/);
  });

  it('reports bad JSON, bad CSV quoting, wrong field counts and untyped cells with file and line', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'rte/train.jsonl',
        '{"premise": "a", "hypothesis": "b", "label": 0}\n{oops}\n',
        /rte\/train\.jsonl line 2: not valid JSON/,
      ],
      [
        'rte/train.csv',
        'premise,hypothesis,label\n"a,b,0\n',
        /rte\/train\.csv line 2: a quoted field is never closed/,
      ],
      [
        'rte/train.csv',
        'premise,hypothesis,label\n"a"x,b,0\n',
        /rte\/train\.csv line 2: unexpected "x" after a closing quote/,
      ],
      [
        'rte/train.csv',
        'premise,hypothesis,label\na,b\n',
        /rte\/train\.csv line 2: 2 fields, but the header has 3/,
      ],
      [
        'rte/train.csv',
        'premise,hypothesis,label\na,b,zero\n',
        /rte\/train\.csv line 2: column "label": expected an integer, got "zero"/,
      ],
    ];
    for (const [file, content, message] of cases) {
      dir.remove();
      dir = tempDir('local');
      put(file, content);
      const err = await local()
        .trainingSlice(rte, { seed: 0, cap: 10 })
        .catch((e: unknown) => e);
      expect(err, file).toBeInstanceOf(SourceError);
      expect((err as Error).message).toMatch(message);
    }
  });

  it('refuses two files for one split', async () => {
    put('rte/train.jsonl', jsonl(rteRows));
    put('rte/train.csv', csv(rteRows, ['premise', 'hypothesis', 'label']));
    await expect(local().trainingSlice(rte, { seed: 0, cap: 10 })).rejects.toThrow(
      /several files for split "train" in rte: train\.csv, train\.jsonl/,
    );
  });
});

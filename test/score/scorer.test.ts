// The scorer on hand-made records, with expected values worked out by hand.
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/index.js';
import { type Prediction, parsePrediction, type ScoredRecord } from '../../src/score/inputs.js';
import { EvalScorer } from '../../src/score/scorer.js';

const registry = loadRegistry();
let line = 0;
const scores = (id: string, s: number[]): Prediction => ({ id, option_scores: s, line: ++line });
const text = (id: string, t: string): Prediction => ({ id, prediction: t, line: ++line });

function rec(
  dataset: string,
  task: string,
  split: 'validation' | 'test',
  example: number,
  template: number,
  targets: string,
  options: string[] | null,
  extra: Partial<ScoredRecord> = {},
): ScoredRecord {
  return {
    id: `${dataset}/${task}/${split}/${example}/${template}`,
    dataset,
    task,
    split,
    example,
    template,
    inverted: false,
    targets,
    options,
    answers: [targets],
    ...extra,
  };
}

describe('rank classification and aggregation', () => {
  it('scores each template, averages the templates, and reports the best dev template on test', () => {
    const s = new EvalScorer(registry);
    const yesNo = ['yes', 'no'];
    // rte template 0: validation 1/2 right, test 2/2 right; template 1: validation 2/2 right, test 1/2 right.
    const add = (split: 'validation' | 'test', ex: number, tpl: number, gold: string, pick: number[]) => {
      const r = rec('rte', 'rte', split, ex, tpl, gold, yesNo);
      s.add(r, scores(r.id, pick));
    };
    add('validation', 0, 0, 'yes', [-1, -2]);
    add('validation', 1, 0, 'no', [-1, -2]);
    add('validation', 0, 1, 'yes', [-1, -2]);
    add('validation', 1, 1, 'no', [-3, -2]);
    add('test', 0, 0, 'yes', [-0.5, -0.7]);
    add('test', 1, 0, 'no', [-9, -1]);
    add('test', 0, 1, 'yes', [-0.5, -0.7]);
    add('test', 1, 1, 'no', [-0.5, -0.5]); // a tie goes to the first option: wrong
    const r = s.finish();
    const t = r.tasks[0]!;
    expect(t.templates.map((x) => [x.template, x.validation?.accuracy, x.test?.accuracy])).toEqual([
      [0, 50, 100],
      [1, 100, 50],
    ]);
    expect(t.mean.accuracy).toBe(75);
    expect(t.bestDev).toEqual({ template: 1, validation: 100, test: { accuracy: 50 } });
    expect(r.clusters).toEqual([
      { cluster: 'nli', datasets: ['rte'], notAveraged: [], mean: 75, bestDev: 50 },
    ]);
    expect(r.coverage).toEqual({ records: 8, scored: 8, missing: 0, invertedSkipped: 0 });
  });

  it('counts any gold answer for ReCoRD, and a trimmed text prediction equal to a gold option', () => {
    const s = new EvalScorer(registry);
    const options = ['Paris is big', 'Rome is big', 'Oslo is big'];
    const a = rec('record', 'record', 'test', 0, 0, 'Paris is big', options, {
      answers: ['Paris is big', 'Oslo is big'],
    });
    const b = rec('record', 'record', 'test', 1, 0, 'Paris is big', options, {
      answers: ['Paris is big', 'Oslo is big'],
    });
    const c = rec('record', 'record', 'test', 2, 0, 'Rome is big', options, { answers: ['Rome is big'] });
    s.add(a, scores(a.id, [-3, -2, -1])); // Oslo: a gold answer
    s.add(b, scores(b.id, [-3, -1, -2])); // Rome: wrong
    s.add(c, text(c.id, ' Rome is big\n'));
    expect(s.finish().tasks[0]!.templates[0]!.test).toEqual({ accuracy: (2 / 3) * 100 });
  });

  it('scores MultiRC F1a over all answers and exact match per question', () => {
    const s = new EvalScorer(registry);
    // Question 0: candidates 0, 1 (gold yes, no); question 2: candidates 2, 3 (gold yes, yes).
    const golds = ['yes', 'no', 'yes', 'yes'];
    const groups = [0, 0, 2, 2];
    const picks = ['yes', 'no', 'yes', 'no'];
    golds.forEach((g, i) => {
      const r = rec('multirc', 'multirc', 'test', i, 0, g, ['no', 'yes'], { group: groups[i]! });
      s.add(r, text(r.id, picks[i]!));
    });
    // tp 2, fp 0, fn 1: F1 = 4/5; question 0 all right, question 2 not: EM 50.
    expect(s.finish().tasks[0]!.templates[0]!.test).toEqual({ f1a: 80, em: 50, accuracy: 75 });
  });

  it('scores generation with the dataset metric: SQuAD F1/EM, BLEU, edit distance outside cluster means', () => {
    const s = new EvalScorer(registry);
    const q = rec('squad', 'v1', 'test', 0, 0, 'the Eiffel Tower', null, {
      answers: ['the Eiffel Tower', 'Eiffel'],
    });
    s.add(q, text(q.id, 'Eiffel tower!'));
    const f = rec('fix_punct', 'fix_punct', 'test', 0, 0, 'Hello, world.', null);
    s.add(f, text(f.id, 'hello world'));
    const w = rec('wmt16_deen', 'wmt16_deen', 'test', 0, 0, 'The cat sat on the mat .', null);
    s.add(w, text(w.id, 'The cat sat on the mat .'));
    const r = s.finish();
    const by = (d: string) => r.tasks.find((t) => t.dataset === d)!;
    expect(by('squad').templates[0]!.test).toEqual({ f1: 100, em: 100 });
    // "hello, world." splits to hello,'',world,'' and "hello world" to hello,world: two deletions.
    expect(by('fix_punct').templates[0]!.test).toEqual({ mean_edit: 2 });
    expect(by('wmt16_deen').templates[0]!.test!.bleu).toBeCloseTo(100, 10);
    expect(r.clusters.find((c) => c.cluster === 'misc')).toMatchObject({
      datasets: [],
      notAveraged: ['fix_punct'],
      mean: null,
    });
  });
});

describe('errors name the line', () => {
  const r = rec('rte', 'rte', 'test', 0, 0, 'yes', ['yes', 'no']);

  it('a wrong number of option scores, or option scores for a generation task', () => {
    expect(() =>
      new EvalScorer(registry, { file: 'p.jsonl' }).add(r, { id: r.id, option_scores: [1], line: 7 }),
    ).toThrow('p.jsonl:7 (id rte/rte/test/0/0): 1 option_scores for 2 options');
    const g = rec('squad', 'v1', 'test', 0, 0, 'x', null);
    expect(() => new EvalScorer(registry).add(g, { id: g.id, option_scores: [1], line: 3 })).toThrow(
      /predictions:3 \(id squad\/v1\/test\/0\/0\): option_scores given, but this is a generation task/,
    );
  });

  it('non-finite scores, bad JSON, both or neither of prediction and option_scores', () => {
    expect(() => parsePrediction('{"id":"a","option_scores":[NaN,-1]}', 4, 'p.jsonl')).toThrow(
      'p.jsonl:4: option_scores holds NaN or Infinity',
    );
    expect(() => parsePrediction('{"id":"a","option_scores":[null,-1]}', 5, 'p.jsonl')).toThrow(
      'p.jsonl:5 (id a): option_scores[0]: must be a number',
    );
    expect(() => parsePrediction('{"id":"a"', 6, 'p.jsonl')).toThrow('p.jsonl:6: not valid JSON');
    expect(() => parsePrediction('{"id":"a","prediction":"x","option_scores":[1]}', 8, 'p.jsonl')).toThrow(
      /p.jsonl:8 \(id a\): .*give exactly one of "prediction"/,
    );
  });

  it('missing predictions fail unless allowed; then the coverage says what was scored', () => {
    const r2 = rec('rte', 'rte', 'test', 1, 0, 'no', ['yes', 'no']);
    const strict = new EvalScorer(registry);
    strict.add(r, scores(r.id, [0, -1]));
    strict.add(r2, undefined);
    expect(() => strict.finish()).toThrow(
      'no prediction for 1 of 2 evaluation records (first: rte/rte/test/1/0); pass --allow-missing to score the rest',
    );
    const lax = new EvalScorer(registry, { allowMissing: true });
    lax.add(r, scores(r.id, [0, -1]));
    lax.add(r2, undefined);
    const report = lax.finish();
    expect(report.coverage).toEqual({ records: 2, scored: 1, missing: 1, invertedSkipped: 0 });
    expect(report.tasks[0]!.coverage).toEqual({ records: 2, scored: 1 });
    expect(report.tasks[0]!.mean.accuracy).toBe(100);
  });
});

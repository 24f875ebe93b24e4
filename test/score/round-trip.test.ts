// End to end: build with a held-out cluster, make predictions from the evaluation files, score them with the
// CLI, and check the numbers. Expected values were counted by hand from samples/ (gold labels per split).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreEvaluation } from '../../src/pipeline/score-evaluation.js';
import { flanmix, readJsonl, tempDir } from '../helpers.js';

interface Rec {
  id: string;
  split: string;
  template: number;
  targets: string;
  options: string[] | null;
  answers: string[];
}

function evalRecords(out: string): Rec[] {
  const root = join(out, 'eval');
  return readdirSync(root)
    .sort()
    .flatMap((d) =>
      readdirSync(join(root, d))
        .sort()
        .flatMap((f) => readJsonl<Rec>(join(root, d, f))),
    );
}

function writePredictions(lines: object[]): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'predictions.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return { dir, file };
}

/** Through the CLI: exit code, output and scores.json. */
function score(out: string, lines: object[], extra: string[] = []) {
  const { dir, file } = writePredictions(lines);
  const r = flanmix(['score', '--eval', out, '--predictions', file, ...extra]);
  return {
    ...r,
    dir,
    scores: r.code === 0 ? JSON.parse(readFileSync(join(dir, 'scores.json'), 'utf8')) : null,
  };
}

/** In process (no Node start-up per run): the report, or the error's one line. */
async function scoreHere(out: string, lines: object[], allowMissing = false) {
  const { dir, file } = writePredictions(lines);
  try {
    const { report } = await scoreEvaluation({ eval: out, predictions: file, allowMissing });
    return { dir, scores: JSON.parse(JSON.stringify(report)), error: '' };
  } catch (e) {
    return { dir, scores: null, error: (e as Error).message };
  }
}

/** One option score per option: the chosen option highest. */
const pick = (r: Rec, i: number) => r.options!.map((_, j) => (j === i ? -0.5 : -2 - j));

describe('round trip with --held-out nli', () => {
  const out = tempDir();
  let records: Rec[] = [];
  beforeAll(() => {
    const r = flanmix(['build', '--out', out, '--held-out', 'nli', '--seed', '1']);
    expect(r.code, r.stderr).toBe(0);
    records = evalRecords(out);
  });

  it('always the first option: each task scores the share of its examples whose answer is listed first', () => {
    const r = score(
      out,
      records.map((x) => ({ id: x.id, option_scores: pick(x, 0) })),
    );
    expect(r.code, r.stderr).toBe(0);
    const byTask = Object.fromEntries(
      r.scores.tasks.map((t: { key: string; mean: { accuracy: number } }) => [t.key, t.mean.accuracy]),
    );
    // Test splits: anli r1 4/12, r2 4/12, r3 5/12, cb 4/13, mnli 4/12 and 4/12, qnli 6/12, rte 7/14, snli 4/12, wnli 6/12.
    const expected = {
      'anli/r1': 100 / 3,
      'anli/r2': 100 / 3,
      'anli/r3': 500 / 12,
      cb: 400 / 13,
      'mnli/matched': 100 / 3,
      'mnli/mismatched': 100 / 3,
      qnli: 50,
      rte: 50,
      snli: 100 / 3,
      wnli: 50,
    };
    expect(Object.keys(byTask)).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expect(byTask[k], k).toBeCloseTo(v, 9);
    // Datasets average their tasks (anli: 13/36), the cluster its seven datasets.
    const cluster = (1300 / 36 + 400 / 13 + 100 / 3 + 50 + 50 + 100 / 3 + 50) / 7;
    expect(r.scores.clusters).toHaveLength(1);
    expect(r.scores.clusters[0].mean).toBeCloseTo(cluster, 9);
    expect(r.scores.clusters[0].mean).toBeCloseTo(40.5067155, 6);
    expect(r.stdout).toContain('40.5');
  });

  it('gold answers on even templates, the first option on odd ones: means over templates and the best dev template', async () => {
    const gold = (x: Rec) => x.options!.indexOf(x.targets);
    const r = await scoreHere(
      out,
      records.map((x) => ({ id: x.id, option_scores: pick(x, x.template % 2 === 0 ? gold(x) : 0) })),
    );
    expect(r.error).toBe('');
    const rte = r.scores.tasks.find((t: { key: string }) => t.key === 'rte');
    // Nine non-inverted templates (0–8): five at 100, four at 7/14.
    expect(rte.templates.map((t: { test: { accuracy: number } }) => t.test.accuracy)).toEqual([
      100, 50, 100, 50, 100, 50, 100, 50, 100,
    ]);
    expect(rte.mean.accuracy).toBeCloseTo(700 / 9, 9);
    expect(rte.bestDev).toEqual({ template: 0, validation: 100, test: { accuracy: 100 } });
    const wnli = r.scores.tasks.find((t: { key: string }) => t.key === 'wnli');
    expect(wnli.mean.accuracy).toBeCloseTo(75, 9); // ten templates: five at 100, five at 6/12
    expect(r.scores.clusters[0].bestDev).toBe(100);
  });

  it('text predictions, with one file of predictions missing: an error, then scored with --allow-missing', async () => {
    const kept = records.filter((x) => !(x.id.startsWith('rte/') && x.split === 'validation'));
    const lines = kept.map((x) => ({ id: x.id, prediction: x.targets }));
    const strict = await scoreHere(out, lines);
    expect(strict.error).toBe(
      'no prediction for 27 of 1392 evaluation records (first: rte/rte/validation/0/0); pass --allow-missing to score the rest',
    );
    const r = await scoreHere(out, lines, true);
    expect(r.error).toBe('');
    expect(r.scores.coverage).toEqual({ records: 1392, scored: 1365, missing: 27, invertedSkipped: 0 });
    expect(r.scores.clusters[0].mean).toBe(100);
    expect(r.scores.tasks.find((t: { key: string }) => t.key === 'rte').bestDev).toBeNull();
    const md = readFileSync(join(r.dir, 'report.md'), 'utf8');
    expect(md).toContain('1,365 of 1,392 evaluation records scored (98.1%)');
    expect(md).toContain('| rte | accuracy | 100.0 | – |');
  });

  it("replaces its own reports, never a user's file, and never writes into a build folder", async () => {
    const lines = records.map((x) => ({ id: x.id, option_scores: pick(x, 0) }));
    const first = await scoreHere(out, lines);
    expect(first.error).toBe('');
    const file = join(first.dir, 'predictions.jsonl');
    // Scoring again into the same folder replaces the three files it wrote.
    await expect(scoreEvaluation({ eval: out, predictions: file })).resolves.toBeDefined();
    // A report.md of someone else's stops the run before anything is written.
    writeFileSync(join(first.dir, 'report.md'), '# my notes\n');
    const refused = flanmix(['score', '--eval', out, '--predictions', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('report.md exists and was not written by flanmix score');
    expect(readFileSync(join(first.dir, 'report.md'), 'utf8')).toBe('# my notes\n');
    await expect(scoreEvaluation({ eval: out, predictions: file, out })).rejects.toThrow(
      `--out ${out} holds a build (manifest.json)`,
    );
  });

  it('unknown and duplicate ids and wrong option counts are errors naming the line', async () => {
    const ok = records.map((x) => ({ id: x.id, option_scores: pick(x, 0) }));
    const unknown = await scoreHere(out, [...ok, { id: 'rte/rte/test/99/0', option_scores: [0, 1] }]);
    expect(unknown.error).toMatch(
      /^predictions.jsonl:1393: id rte\/rte\/test\/99\/0 is in no evaluation file under /,
    );
    const dup = await scoreHere(out, [...ok, ok[5]!]);
    expect(dup.error).toBe(`predictions.jsonl:1393: id ${ok[5]!.id} was already given on line 6`);
    const wrong = await scoreHere(out, [{ ...ok[0]!, option_scores: [1, 2, 3, 4] }, ...ok.slice(1)]);
    expect(wrong.error).toContain(`predictions.jsonl:1 (id ${ok[0]!.id}): 4 option_scores for 3 options`);
  });
});

describe('round trip with --held-out struct_to_text (generation)', () => {
  it('the first reference scores ROUGE 100 on every dataset; an empty prediction scores 0', async () => {
    const out = tempDir();
    expect(flanmix(['build', '--out', out, '--held-out', 'struct_to_text', '--seed', '1']).code).toBe(0);
    const records = evalRecords(out);
    const r = score(
      out,
      records.map((x) => ({ id: x.id, prediction: x.answers[0] })),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.scores.tasks.map((t: { key: string }) => t.key)).toEqual([
      'common_gen',
      'dart',
      'e2e_nlg',
      'web_nlg',
    ]);
    for (const t of r.scores.tasks) {
      expect(t.metric).toBe('rougeLsum');
      for (const m of ['rouge1', 'rouge2', 'rougeLsum'])
        expect(t.mean[m], `${t.key} ${m}`).toBeCloseTo(100, 9);
    }
    const empty = score(
      out,
      records.map((x) => ({ id: x.id, prediction: '' })),
    );
    expect(empty.scores.clusters[0].mean).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { sizedMixture } from '../src/mixture/sized.js';
import { loadRegistry, tasksOf } from '../src/registry/load.js';
import { flanmix } from './helpers.js';

const registry = loadRegistry();

describe('registry split sizes', () => {
  it('every task has the size of its evaluation split, and of its training split unless evaluation-only', () => {
    for (const { key, task } of tasksOf(registry.datasets)) {
      expect(task.sizes, key).toBeDefined();
      expect(task.sizes!.eval.rows, key).toBeGreaterThan(0);
      if (task.splits.train === null) expect(task.sizes!.train, key).toBeNull();
      else expect(task.sizes!.train!.rows, key).toBeGreaterThan(task.validationSize);
      // FLAN's own count is a training slice of the published split, never more than it.
      if (task.sizes!.flanTrain !== undefined)
        expect(task.sizes!.flanTrain, key).toBeLessThanOrEqual(task.sizes!.train!.rows);
    }
  });

  it("gives FLAN's sub-3,000 mixing rates for the full-size mixture", () => {
    const plan = sizedMixture(registry);
    const below = Object.fromEntries(plan.members.filter((m) => m.rate < 3000).map((m) => [m.key, m.rate]));
    // FLAN's published weights below the 3,000 maximum (its super_glue wsc, 500, is not one of our tasks:
    // flanmix follows the paper's wsc273, which is evaluation-only).
    expect(below).toEqual({
      copa: 350,
      cb: 200,
      wnli: 600,
      'arc/challenge': 910,
      definite_pronoun_resolution: 1120,
      opinion_abstracts_idebate: 1650,
      story_cloze: 1670,
      'arc/easy': 2040,
      rte: 2290,
    });
    expect(plan.members).toHaveLength(66);
    expect(plan.skipped).toEqual([]);
  });

  it('takes pools from the split size less the validation tail where FLAN has no count of its own', () => {
    const plan = sizedMixture(registry, { datasets: ['rte', 'wnli', 'anli'], total: 1000 });
    const byKey = Object.fromEntries(plan.members.map((m) => [m.key, m]));
    expect(byKey.rte).toMatchObject({ pool: 2490 - 200, poolFrom: 'split' });
    expect(byKey.wnli).toMatchObject({ pool: 600, poolFrom: 'flan' });
    expect(byKey['anli/r1']).toMatchObject({ pool: 16946 - 200, rate: 3000 });
    expect(byKey['anli/r3']).toMatchObject({ pool: 30000, rate: 3000 });
    // 2290 + 600 + 3 × 3000 = 11890 of weight; counts by largest remainder.
    expect(plan.members.map((m) => m.count)).toEqual([252, 252, 252, 193, 51]);
    // An explicit validation tail overrides FLAN's count: 635 − 30 = 605.
    expect(sizedMixture(registry, { datasets: ['wnli'], validationSize: 30 }).members[0]!.pool).toBe(605);
  });

  it('follows the held-out rules: holding out nli also removes paraphrase', () => {
    const plan = sizedMixture(registry, { heldOut: ['nli'] });
    const clusters = new Set(plan.members.map((m) => m.cluster));
    expect(clusters.has('nli')).toBe(false);
    expect(clusters.has('paraphrase')).toBe(false);
    expect(clusters.size).toBe(10);
  });
});

describe('flanmix rates --sizes registry', () => {
  it('prints the full-size plan offline, the same as the core computes', () => {
    const r = flanmix(['rates', '--sizes', 'registry', '--held-out', 'commonsense', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const plan = sizedMixture(registry, { heldOut: ['commonsense'] });
    expect(doc.total).toBe(plan.total);
    expect(doc.members.map((m: { key: string; count: number }) => [m.key, m.count])).toEqual(
      plan.members.map((m) => [m.key, m.count]),
    );
    expect(doc.members.find((m: { key: string }) => m.key === 'rte')).toMatchObject({
      pool: 2290,
      rate: 2290,
    });
  });

  it('refuses an unknown --sizes value', () => {
    const r = flanmix(['rates', '--sizes', 'hub']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sizes must be "source" or "registry", got "hub"');
  });
});

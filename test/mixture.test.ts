import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Example } from '../src/adapters/types.js';
import {
  arrayPool,
  assembleFewShot,
  exactCounts,
  interleave,
  type Member,
  memberOrder,
  mixingRates,
  mixRecords,
  planMixture,
  rngFor,
  SEPARATOR_PRESETS,
  type TokenCounter,
  templateOrder,
} from '../src/mixture/index.js';
import { getTask, loadRegistry } from '../src/registry/index.js';
import { parseTemplateSet } from '../src/templates/index.js';

const registry = loadRegistry();

describe('rates and exact counts (property tests)', () => {
  it('caps rates at rateMax and applies the temperature', () => {
    expect(mixingRates([100, 3000, 250000])).toEqual([100, 3000, 3000]);
    expect(mixingRates([100, 50000], { rateMax: 30000 })).toEqual([100, 30000]);
    const [a, b] = mixingRates([100, 10000], { temperature: 2 });
    expect(a).toBeCloseTo(10);
    expect(b).toBeCloseTo(Math.sqrt(3000));
  });

  it('a low temperature gives finite rates in the same ratios, normalised to the largest', () => {
    // 3000 ** 1000 overflows float64: before, rates were Infinity (JSON null) and shares NaN.
    const rates = mixingRates([3000, 2999, 1500, 0], { temperature: 0.001 });
    expect(rates[0]).toBe(1);
    expect(rates[1]).toBeCloseTo(0.71653, 4); // (2999/3000) ** 1000, by hand: e^(1000·ln(0.999667))
    expect(rates[2]! / 2 ** -1000).toBeCloseTo(1, 6); // (1500/3000) ** 1000, tiny but not lost
    expect(rates[3]).toBe(0);
    const plan = planMixture(
      [
        { key: 'a', poolSize: 3000 },
        { key: 'b', poolSize: 2999 },
      ],
      { temperature: 0.001, total: 1000 },
    );
    expect(plan.members.map((m) => m.count)).toEqual([583, 417]); // 1 / 1.71653 of 1000 = 582.6
    expect(plan.members.every((m) => Number.isFinite(m.share))).toBe(true);
    // Underflow of every rate (0.5 ** 2000 is 0) keeps the ratios too.
    expect(mixingRates([1, 1], { rateMax: 0.5, temperature: 0.0005 })).toEqual([1, 1]);
    // A vanishing temperature: the largest pools take all.
    expect(mixingRates([3000, 100], { temperature: 1e-300 })).toEqual([1, 0]);
  });

  it('counts sum to the total and each is within one of its share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50000 }), { minLength: 1, maxLength: 70 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.constantFrom(1, 2, 3.5),
        (sizes, total, temperature) => {
          const rates = mixingRates(sizes, { temperature });
          const counts = exactCounts(rates, total);
          const sum = rates.reduce((x, y) => x + y, 0);
          expect(counts.reduce((x, y) => x + y, 0)).toBe(sum === 0 ? 0 : total);
          counts.forEach((c, i) => {
            expect(Number.isInteger(c)).toBe(true);
            if (sum > 0) expect(Math.abs(c - (rates[i]! / sum) * total)).toBeLessThan(1);
            if (rates[i] === 0) expect(c).toBe(0);
          });
        },
      ),
    );
  });

  it('largest remainder on hand-computed cases, ties to the earlier member', () => {
    // 40+7+50 = 97; shares of 167: 68.87, 12.05, 86.08 → floors 68/12/86 (166), the one left goes to 0.87.
    expect(exactCounts([40, 7, 50], 167)).toEqual([69, 12, 86]);
    // Three equal shares of 2 (0.67 each): floors are 0, and the two left go to the first two members.
    expect(exactCounts([1, 1, 1], 2)).toEqual([1, 1, 0]);
    // 3:1 of 5 → 3.75 / 1.25: floors 3 + 1, the remainder .75 beats .25.
    expect(exactCounts([3, 1], 5)).toEqual([4, 1]);
    // A zero-rate member never gets the leftover, even when it is first.
    expect(exactCounts([0, 1, 1], 3)).toEqual([0, 2, 1]);
  });

  it('default total is the sum of capped pools; FLAN-like shares', () => {
    const plan = planMixture([
      { key: 'big', poolSize: 30000 },
      { key: 'small', poolSize: 350 },
    ]);
    expect(plan.total).toBe(30350);
    expect(plan.members.map((m) => m.rate)).toEqual([3000, 350]);
    expect(plan.members.map((m) => m.count)).toEqual([27179, 3171]);
    expect(plan.members[1]!.count).toBeGreaterThan(plan.members[1]!.pool); // the small member repeats
  });
});

describe('interleave and member streams (property tests)', () => {
  it('interleave yields each member exactly its count, deterministically', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (counts, seed) => {
          const seq = [...interleave(counts, rngFor(seed, 'i'))];
          const seen = counts.map(() => 0);
          for (const m of seq) seen[m]!++;
          expect(seen).toEqual(counts);
          expect([...interleave(counts, rngFor(seed, 'i'))]).toEqual(seq);
        },
      ),
    );
  });

  it('interleave follows its random source: a scripted source gives a hand-computed order', () => {
    // Each step picks floor(r * left) and walks the remaining counts. counts [2, 1, 1]:
    // r=.6 → 2 of 4 → member 1; r=.9 → 2 of 3 (remaining [2,0,1]) → member 2; then member 0 twice.
    const scripted = (values: number[]) => () => values.shift()!;
    expect([...interleave([2, 1, 1], scripted([0.6, 0.9, 0.5, 0.5]))]).toEqual([1, 2, 0, 0]);
    // r=0 always picks the first member left; r just under 1 always the last.
    expect([...interleave([2, 2], scripted([0, 0, 0, 0]))]).toEqual([0, 0, 1, 1]);
    expect([...interleave([2, 2], scripted([0.99, 0.99, 0.99, 0.99]))]).toEqual([1, 1, 0, 0]);
    // [3, 1, 2] with r = .5, .1, .8, .4, .0: picks 3 of 6 → m1; 0 of 5 → m0; 3 of 4 (rem [2,0,2]) → m2;
    // 1 of 3 (rem [2,0,1]) → m0; 0 of 2 (rem [1,0,1]) → m0; the last step is m2 whatever the value.
    expect([...interleave([3, 1, 2], scripted([0.5, 0.1, 0.8, 0.4, 0, 0.7]))]).toEqual([1, 0, 2, 0, 0, 2]);
  });

  it('a seeded 500/500 interleave switches members hundreds of times', () => {
    for (const seed of [0, 1, 2]) {
      const seq = [...interleave([500, 500], rngFor(seed, 'interleave'))];
      let switches = 0;
      for (let i = 1; i < seq.length; i++) if (seq[i] !== seq[i - 1]) switches++;
      // A uniform shuffle switches about 500 times (sd ≈ 16); blocks or a fixed alternation would not.
      expect(switches).toBeGreaterThan(400);
      expect(switches).toBeLessThan(600);
      // Both members appear throughout: each half of the stream holds 200-300 of member 0.
      expect(seq.slice(0, 500).filter((m) => m === 0).length).toBeGreaterThan(200);
      expect(seq.slice(0, 500).filter((m) => m === 0).length).toBeLessThan(300);
    }
  });

  it('member order covers the whole pool once per pass, reshuffled each pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 400 }),
        fc.nat(),
        (pool, count, seed) => {
          const order = [...memberOrder(pool, count, rngFor(seed, 'o'))];
          expect(order).toHaveLength(count);
          for (let p = 0; p * pool < count; p++) {
            const pass = order.slice(p * pool, (p + 1) * pool);
            expect(new Set(pass).size).toBe(pass.length);
            expect(pass.every((i) => i >= 0 && i < pool)).toBe(true);
          }
        },
      ),
    );
    const passes = [...memberOrder(50, 100, rngFor(1, 'o'))];
    expect(passes.slice(0, 50)).not.toEqual(passes.slice(50));
  });

  it('template choice is balanced within one on every prefix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 500 }),
        fc.nat(),
        (n, count, seed) => {
          const templates = Array.from({ length: n }, (_, i) => i);
          const used = templates.map(() => 0);
          for (const t of templateOrder(templates, count, rngFor(seed, 't'))) {
            used[t]!++;
            expect(Math.max(...used) - Math.min(...used)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

const SET = parseTemplateSet(
  `datasets: [rte]
raw: { input: "{{premise}} || {{hypothesis}}", target: "{{answer}}" }
templates:
  - { input: "A {{premise}} {{hypothesis}} {{options}}", target: "{{answer}}" }
  - { input: "B {{premise}} {{hypothesis}} {{options}}", target: "{{answer}}" }
  - { input: "C {{premise}} {{hypothesis}} {{options}}", target: "{{answer}}" }
  - { input: "Say {{answer}} about {{premise}}", target: "{{hypothesis}}", inverted: true }
`,
  'test.yaml',
);

function synthMember(datasetId: string, size: number): Member {
  const ref = getTask(registry, datasetId);
  const examples: Example[] = Array.from({ length: size }, (_, i) => ({
    fields: { premise: `${datasetId}-p${i}`, hypothesis: `h${i}`, answer: i % 2 ? 'yes' : 'no' },
    options: ['yes', 'no'],
  }));
  return { ref, clusterName: 'NLI', templates: SET, pool: arrayPool(examples) };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mixRecords', () => {
  const members = [synthMember('rte', 40), synthMember('cb', 7), synthMember('qnli', 120)];

  it('emits exactly the planned count per member with balanced templates', async () => {
    const records = await collect(mixRecords(members, { seed: 3, rateMax: 50 }));
    // Pools 40/7/120 capped at 50 give rates 40/7/50 and a total of 167 (the pools' sum): by hand,
    // 167 × 40/97 = 68.87, × 7/97 = 12.05, × 50/97 = 86.08 → 69/12/86 by largest remainder.
    expect(records).toHaveLength(167);
    const expected = { rte: 69, cb: 12, qnli: 86 };
    for (const [key, count] of Object.entries(expected)) {
      const mine = records.filter((r) => r.dataset === key);
      expect(mine).toHaveLength(count);
      const per = [0, 1, 2, 3].map((t) => mine.filter((r) => r.template === t).length);
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
    const cb = records.filter((r) => r.dataset === 'cb');
    expect(new Set(cb.map((r) => /cb-p\d+/.exec(r.inputs)![0])).size).toBe(7); // a small member repeats its whole pool
  });

  it('is deterministic for a seed and changes with the seed', async () => {
    const a = await collect(mixRecords(members, { seed: 11 }));
    const b = await collect(mixRecords(members, { seed: 11 }));
    const c = await collect(mixRecords(members, { seed: 12 }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(c.map((r) => r.dataset).sort()).toEqual(a.map((r) => r.dataset).sort());
  });

  it('restricts templates for the ablations', async () => {
    const nonInv = await collect(mixRecords(members, { seed: 1, templates: 'non-inverted' }));
    expect(nonInv.every((r) => !r.inverted && r.template !== 3)).toBe(true);
    const first1 = await collect(mixRecords(members, { seed: 1, templates: 1 }));
    expect(new Set(first1.map((r) => r.template))).toEqual(new Set([0]));
  });

  it('phrases the no-template and dataset-name formats from the raw inputs', async () => {
    const [raw] = await collect(mixRecords([members[0]!], { format: 'no-template', total: 1 }));
    expect(raw).toMatchObject({ template: null, format: 'no-template' });
    expect(raw!.inputs).toMatch(/^rte-p\d+ \|\| h\d+$/);
    const [named] = await collect(mixRecords([members[0]!], { format: 'dataset-name', total: 1 }));
    expect(named!.inputs).toMatch(/^\[NLI: RTE\] rte-p\d+ \|\| h\d+$/);
  });

  it('builds few-shot inputs from the member pool within the token budget', async () => {
    // A word-count tokenizer makes the budget exact and easy to check.
    const words: TokenCounter = (texts) => texts.map((t) => t.split(/\s+/).filter(Boolean).length);
    const count = (t: string) => words([t]) as number[];
    // plain's budget is filled to the last token by 5 exemplars (so an off-by-one shows); flan's is one short
    // of fitting a 4th exemplar, so forgetting to count the " FLAN" suffix would let the 4th in.
    const budget = { plain: 53, flan: 63 };
    for (const separators of ['plain', 'flan'] as const) {
      const records = await collect(
        mixRecords(
          [members[2]!],
          {
            seed: 5,
            total: 40,
            fewShot: { k: 16, maxInputTokens: budget[separators], separators },
            templates: 'non-inverted',
          },
          { countTokens: words },
        ),
      );
      // Every non-inverted input is 8 words ("A qnli-p5 h5 OPTIONS: - yes - no") and every target 1.
      // plain: the query costs 8 and each exemplar 8 + 1 = 9 (newlines are not words): 8 + 9n ≤ 53 → n = 5.
      // flan: "0 x X 1 FLAN" costs 8 + 4 = 12, "0 x X 1 y X " 9 + 4 = 13: 12 + 13n ≤ 63 → n = 3 (51 words).
      const [shots, length] = separators === 'plain' ? [5, 53] : [3, 51];
      for (const r of records) {
        expect(count(r.inputs)[0]).toBe(length);
        const query = /qnli-p\d+/g;
        const ids = r.inputs.match(query)!;
        expect(new Set(ids).size).toBe(ids.length); // no exemplar repeats the query or another exemplar
        expect(ids.length - 1).toBe(shots);
      }
      if (separators === 'flan') expect(records[0]!.inputs).toMatch(/^0 .* X 1 FLAN$/s);
    }
    const unlimited = await collect(
      mixRecords([members[2]!], {
        seed: 5,
        total: 3,
        templates: 'non-inverted',
        fewShot: { k: 4, maxInputTokens: 100000 },
      }),
    );
    for (const r of unlimited) expect(r.inputs.split(/\n\n(?=[ABC] )/).length).toBe(5);
  });

  it("wraps inputs in FLAN's LaMDA dialogue format only when asked", async () => {
    const [plain] = await collect(mixRecords([members[0]!], { total: 1, seed: 2 }));
    const [lamda] = await collect(mixRecords([members[0]!], { total: 1, seed: 2, lamda: true }));
    expect(lamda!.inputs).toBe(`0 ${plain!.inputs} X 1 FLAN`);
    expect(assembleFewShot([{ inputs: 'x1', targets: 'y1' }], 'x', SEPARATOR_PRESETS.flan)).toBe(
      '0 x1 X 1 y1 X 0 x X 1 FLAN',
    );
  });
});

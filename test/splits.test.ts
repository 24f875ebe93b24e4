import { describe, expect, it } from 'vitest';
import { CLUSTER_IDS, loadRegistry } from '../src/registry/index.js';
import { heldOutSplit } from '../src/splits/index.js';
import { ALSO_REMOVED } from './split-table.js';

const registry = loadRegistry();

describe('heldOutSplit', () => {
  for (const cluster of CLUSTER_IDS) {
    it(`holds out ${cluster} with its exclusion rules`, () => {
      const split = heldOutSplit(registry, [cluster]);
      const out = [cluster, ...ALSO_REMOVED[cluster]];
      expect(split.removed.map((r) => r.cluster).sort()).toEqual([...out].sort());
      expect(split.evaluation.every((d) => d.cluster === cluster)).toBe(true);
      expect(split.evaluation.length).toBe(registry.datasets.filter((d) => d.cluster === cluster).length);
      expect(split.train.some((d) => out.includes(d.cluster))).toBe(false);
      // Every dataset is in exactly one of: training, evaluation, removed by a rule.
      const ruled = registry.datasets.filter((d) => ALSO_REMOVED[cluster].includes(d.cluster));
      expect(split.train.length + split.evaluation.length + ruled.length).toBe(62);
      for (const r of split.removed) {
        expect(r.because).toBe(cluster);
        expect(r.rule).toMatch(r.cluster === cluster ? /held out/ : new RegExp(r.cluster.replace(/_/g, ' ')));
      }
    });
  }

  it("holds out the paper's ablation trio (nli, closed_book_qa, commonsense) at once", () => {
    const split = heldOutSplit(registry, ['nli', 'closed_book_qa', 'commonsense']);
    expect(split.heldOut).toEqual(['nli', 'closed_book_qa', 'commonsense']);
    expect(split.removed.map((r) => r.cluster).sort()).toEqual(
      ['nli', 'closed_book_qa', 'commonsense', 'paraphrase', 'reading_comprehension_with_commonsense'].sort(),
    );
    expect(split.evaluation).toHaveLength(7 + 3 + 4);
    expect(new Set(split.train.map((d) => d.cluster))).toEqual(
      new Set([
        'sentiment',
        'struct_to_text',
        'translation',
        'reading_comprehension',
        'coreference',
        'misc',
        'summarization',
      ]),
    );
  });

  it('reports a cluster removed by two held-out clusters once, under the first', () => {
    const split = heldOutSplit(registry, ['commonsense', 'reading_comprehension']);
    const rcc = split.removed.filter((r) => r.cluster === 'reading_comprehension_with_commonsense');
    expect(rcc).toEqual([expect.objectContaining({ because: 'commonsense' })]);
  });

  it('does not double-report a held-out cluster that another rule would remove', () => {
    const split = heldOutSplit(registry, ['nli', 'paraphrase']);
    expect(split.removed).toEqual([
      { cluster: 'nli', rule: 'held out', because: 'nli' },
      { cluster: 'paraphrase', rule: 'held out', because: 'paraphrase' },
    ]);
    expect(split.evaluation).toHaveLength(11);
  });

  it('refuses an empty hold-out', () => {
    expect(() => heldOutSplit(registry, [])).toThrow(/at least one cluster/);
  });
});

import { describe, expect, it } from 'vitest';
import { adaptRow } from '../../src/adapters/define.js';
import { ADAPTERS } from '../../src/adapters/index.js';
import type { Example } from '../../src/adapters/types.js';
import { evalRecords } from '../../src/mixture/eval.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';
import { readSampleRows } from '../../src/sources/samples.js';
import { loadTemplates, templatesFor } from '../../src/templates/index.js';

const registry = loadRegistry();

function records(dataset: string, split: 'validation' | 'test') {
  const ref = getTask(registry, dataset);
  const examples: Example[] = readSampleRows(dataset, ref.task.id).flatMap((row, i) => {
    const r = adaptRow(ADAPTERS[dataset]!, row, ref, i);
    return 'skip' in r ? [] : [...r];
  });
  const pool = { size: examples.length, get: (i: number) => examples[i]! };
  return [...evalRecords(ref, templatesFor(loadTemplates(registry), dataset), pool, split)];
}

describe('evaluation record ids', () => {
  it('are dataset/task/split/example/template, unique, and the same on every run', () => {
    const a = records('rte', 'test');
    expect(a[0]!.id).toBe('rte/rte/test/0/0');
    expect(a.map((r) => r.id)).toEqual(a.map((r) => `rte/rte/test/${r.example}/${r.template}`));
    expect(new Set(a.map((r) => r.id)).size).toBe(a.length);
    expect(records('rte', 'test').map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(records('rte', 'validation')[0]!.id).toBe('rte/rte/validation/0/0');
  });

  it("group MultiRC's candidate answers by question (the group is the question's first example)", () => {
    const rs = records('multirc', 'test').filter((r) => r.template === 0);
    // samples/multirc: questions with 3, 4, 3 and 3 candidate answers, in order.
    expect(rs.map((r) => r.group)).toEqual([0, 0, 0, 3, 3, 3, 3, 7, 7, 7, 10, 10, 10]);
    expect(records('rte', 'test').some((r) => 'group' in r)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptRow, type Example } from '../../src/adapters/index.js';
import { cleanDartPart } from '../../src/adapters/struct_to_text/dart.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';
import { readSampleRows } from '../../src/sources/samples.js';

const registry = loadRegistry();
const run = (dataset: string, row: Record<string, unknown>) => {
  const { dataset: d, task } = getTask(registry, dataset);
  return adaptRow(ADAPTERS[dataset]!, row, { dataset: d, task });
};
const adaptOne = (dataset: string, row: Record<string, unknown>): Example => {
  const { dataset: d, task } = getTask(registry, dataset);
  const r = adaptRow(ADAPTERS[dataset]!, row, { dataset: d, task });
  if ('skip' in r) throw new Error(`unexpected skip: ${r.skip}`);
  expect(r).toHaveLength(1);
  return r[0]!;
};

describe('common_gen', () => {
  it('joins the concepts with ", " and with newlines', () => {
    const ex = adaptOne('common_gen', {
      concept_set_idx: 3,
      concepts: ['dog', 'frisbee', 'catch'],
      target: 'The dog jumps to catch the frisbee.',
    });
    expect(ex.fields).toEqual({
      concepts: 'dog, frisbee, catch',
      concepts_newline: 'dog\nfrisbee\ncatch',
      target: 'The dog jumps to catch the frisbee.',
    });
  });
});

describe('dart', () => {
  const row = {
    tripleset: [
      ['[TABLECONTEXT]', '[TITLE]', '1998 Tour de Suisse'],
      ['[TABLECONTEXT]', 'STAGE', '5'],
      ['5', 'WINNER', 'Markus Zberg'],
      ['[TABLECONTEXT]', '[TITLE]', ''],
    ],
    target: 'Markus Zberg won stage 5 of the 1998 Tour de Suisse.',
  };

  it('turns table placeholders into words, so every item is a subject | predicate | object triple', () => {
    expect(adaptOne('dart', row).fields.tripleset).toBe(
      'table | title | 1998 Tour de Suisse; table | STAGE | 5; 5 | WINNER | Markus Zberg',
    );
  });

  it('writes the same triples one per line, with no raw placeholder', () => {
    expect(adaptOne('dart', row).fields.tripleset_newline).toBe(
      'table | title | 1998 Tour de Suisse\ntable | STAGE | 5\n5 | WINNER | Markus Zberg',
    );
  });

  it('gives full triples on every sample row, in both forms', () => {
    const { dataset, task } = getTask(registry, 'dart');
    for (const [i, sample] of readSampleRows('dart', 'dart').entries()) {
      const r = adaptRow(ADAPTERS.dart!, sample, { dataset, task }, i);
      if ('skip' in r) continue;
      const { tripleset, tripleset_newline } = r[0]!.fields;
      const items = tripleset!.split('; ');
      expect(items.join('\n')).toBe(tripleset_newline);
      for (const item of items) expect(item.split(' | '), `sample ${i}: ${item}`).toHaveLength(3);
    }
  });

  it('drops a triple with an empty part, and skips a row left with none', () => {
    const r = run('dart', { tripleset: [['[TABLECONTEXT]', '[TITLE]', ' ']], target: 't' });
    expect(r).toEqual({ skip: 'no complete triple' });
  });

  it('keeps bracketed text that is not an all-caps placeholder; names an unknown placeholder in words', () => {
    const ex = adaptOne('dart', { tripleset: [['Jaguar [car]', 'MAKER', 'Jaguar Land Rover']], target: 't' });
    expect(ex.fields.tripleset).toBe('Jaguar [car] | MAKER | Jaguar Land Rover');
    expect(cleanDartPart('[TABLE_NOTE]  x')).toBe('table note x');
  });

  it('collects GEM references, the target first and without duplicates', () => {
    expect(adaptOne('dart', { ...row, references: [] }).answers).toBeUndefined();
    expect(
      adaptOne('dart', { ...row, references: [row.target, 'Stage 5 went to Markus Zberg.'] }).answers,
    ).toEqual([row.target, 'Stage 5 went to Markus Zberg.']);
  });
});

describe('e2e_nlg', () => {
  it('rewrites slot[value] as "slot = value"', () => {
    const ex = adaptOne('e2e_nlg', {
      gem_id: 'e2e_nlg-train-0',
      meaning_representation: 'name[The Eagle], eatType[coffee shop], customer rating[5 out of 5]',
      target: 'The Eagle is a coffee shop rated 5 out of 5.',
      references: [],
    });
    expect(ex.fields).toEqual({
      meaning_representation: 'name = The Eagle, eatType = coffee shop, customer rating = 5 out of 5',
      target: 'The Eagle is a coffee shop rated 5 out of 5.',
    });
  });
});

describe('web_nlg', () => {
  it('joins triples with "; ", underscores to spaces, " | " to ", "', () => {
    const ex = adaptOne('web_nlg', {
      input: ['Aarhus_Airport | cityServed | "Aarhus, Denmark"', 'Aarhus_Airport | runwayLength | 2776.0'],
      target: 'Aarhus Airport serves Aarhus, Denmark.',
      references: ['Aarhus Airport serves Aarhus, Denmark.', 'The airport of Aarhus has a 2776 m runway.'],
      category: 'Airport',
    });
    expect(ex.fields.input_string).toBe(
      'Aarhus Airport, cityServed, "Aarhus, Denmark"; Aarhus Airport, runwayLength, 2776.0',
    );
    expect(ex.answers).toEqual([
      'Aarhus Airport serves Aarhus, Denmark.',
      'The airport of Aarhus has a 2776 m runway.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptRow, type Example } from '../../src/adapters/index.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';

const registry = loadRegistry();
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

  it('removes table placeholders from the "; " form and drops the parts they leave empty', () => {
    expect(adaptOne('dart', row).fields.tripleset).toBe(
      '1998 Tour de Suisse; STAGE | 5; 5 | WINNER | Markus Zberg',
    );
  });

  it('keeps the triples as given, one per line, in the newline form', () => {
    expect(adaptOne('dart', row).fields.tripleset_newline).toBe(
      '[TABLECONTEXT] | [TITLE] | 1998 Tour de Suisse\n[TABLECONTEXT] | STAGE | 5\n5 | WINNER | Markus Zberg\n[TABLECONTEXT] | [TITLE] | ',
    );
  });

  it('keeps bracketed text that is not an all-caps placeholder', () => {
    const ex = adaptOne('dart', { tripleset: [['Jaguar [car]', 'MAKER', 'Jaguar Land Rover']], target: 't' });
    expect(ex.fields.tripleset).toBe('Jaguar [car] | MAKER | Jaguar Land Rover');
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

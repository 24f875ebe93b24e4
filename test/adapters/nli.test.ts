// Adapter tests for the nli cluster: label mapping per dataset (the orders differ), field renames, filters.
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../src/adapters/index.js';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt } from './adapt.js';

const _registry = loadRegistry();

describe('anli', () => {
  const row = (label: number | bigint) => ({
    uid: 'a1b2',
    premise: 'The bridge opened in 2001.',
    hypothesis: 'The bridge is open.',
    label,
    reason: 'It opened.',
  });

  it("renames premise to context and maps labels to Yes / It's impossible to say / No", () => {
    expect(adapt('anli', row(1), 'r1')).toEqual([
      {
        fields: {
          context: 'The bridge opened in 2001.',
          hypothesis: 'The bridge is open.',
          answer: "It's impossible to say",
        },
        options: ['Yes', "It's impossible to say", 'No'],
      },
    ]);
    expect(adapt('anli', row(0), 'r2')).toMatchObject([{ fields: { answer: 'Yes' } }]);
    expect(adapt('anli', row(2), 'r3')).toMatchObject([{ fields: { answer: 'No' } }]);
  });

  it('accepts parquet INT64 labels (bigint)', () => {
    expect(adapt('anli', row(2n), 'r1')).toMatchObject([{ fields: { answer: 'No' } }]);
  });

  it('refuses a row without a premise column', () => {
    expect(() => adapt('anli', { context: 'x', hypothesis: 'y', label: 0 }, 'r1')).toThrow(AdapterError);
  });
});

describe('cb', () => {
  const row = (label: number) => ({
    premise: 'B: I doubt it will rain.',
    hypothesis: 'it will rain',
    idx: 3,
    label,
  });

  it('uses SuperGLUE order: entailment, contradiction, neutral', () => {
    expect(adapt('cb', row(0))).toMatchObject([{ fields: { answer: 'Yes' } }]);
    expect(adapt('cb', row(1))).toMatchObject([{ fields: { answer: 'No' } }]);
    expect(adapt('cb', row(2))).toEqual([
      {
        fields: {
          premise: 'B: I doubt it will rain.',
          hypothesis: 'it will rain',
          answer: "It's impossible to say",
        },
        options: ['Yes', 'No', "It's impossible to say"],
      },
    ]);
  });

  it('rejects a label outside the three options', () => {
    expect(() => adapt('cb', row(3))).toThrow(/outside its 3 options/);
  });
});

describe('mnli', () => {
  const row = { premise: 'Anna was one coin short.', hypothesis: 'Anna lost a coin.', label: 1, idx: 9 };

  it('maps neutral to "it is not possible to tell" for both tasks', () => {
    for (const task of ['matched', 'mismatched']) {
      expect(adapt('mnli', row, task)).toEqual([
        {
          fields: {
            premise: 'Anna was one coin short.',
            hypothesis: 'Anna lost a coin.',
            answer: 'it is not possible to tell',
          },
          options: ['yes', 'it is not possible to tell', 'no'],
        },
      ]);
    }
    expect(adapt('mnli', { ...row, label: 2 }, 'matched')).toMatchObject([{ fields: { answer: 'no' } }]);
  });
});

describe('snli', () => {
  const row = (label: number | bigint) => ({ premise: 'A dog runs.', hypothesis: 'An animal moves.', label });

  it('skips pairs with no gold label (-1)', () => {
    expect(adapt('snli', row(-1))).toEqual({ skip: 'no gold label' });
    expect(adapt('snli', row(-1n))).toEqual({ skip: 'no gold label' });
  });

  it('keeps labels 0-2 in MNLI order', () => {
    expect(adapt('snli', row(0))).toEqual([
      {
        fields: { premise: 'A dog runs.', hypothesis: 'An animal moves.', answer: 'yes' },
        options: ['yes', 'it is not possible to tell', 'no'],
      },
    ]);
    expect(adapt('snli', row(1))).toMatchObject([{ fields: { answer: 'it is not possible to tell' } }]);
    expect(adapt('snli', row(2))).toMatchObject([{ fields: { answer: 'no' } }]);
  });
});

describe('qnli', () => {
  it('maps entailment (0) to "yes" and not_entailment (1) to "no"', () => {
    const row = { question: 'Where?', sentence: 'In Vienna.', label: 0, idx: 1 };
    expect(adapt('qnli', row)).toEqual([
      { fields: { question: 'Where?', sentence: 'In Vienna.', answer: 'yes' }, options: ['yes', 'no'] },
    ]);
    expect(adapt('qnli', { ...row, label: 1 })).toMatchObject([{ fields: { answer: 'no' } }]);
  });
});

describe('wnli', () => {
  it('maps not_entailment (0) to "no" and entailment (1) to "yes": the reverse of QNLI', () => {
    const row = {
      sentence1: 'The van would not fit because it was too big.',
      sentence2: 'The van was too big.',
      label: 1,
      idx: 0,
    };
    expect(adapt('wnli', row)).toEqual([
      {
        fields: {
          sentence1: 'The van would not fit because it was too big.',
          sentence2: 'The van was too big.',
          answer: 'yes',
        },
        options: ['no', 'yes'],
      },
    ]);
    expect(adapt('wnli', { ...row, label: 0 })).toMatchObject([{ fields: { answer: 'no' } }]);
  });
});

describe('rte', () => {
  it('is still registered and maps 0 to "yes"', () => {
    expect(adapt('rte', { premise: 'p', hypothesis: 'h', idx: 0, label: 0 })).toMatchObject([
      { fields: { answer: 'yes' }, options: ['yes', 'no'] },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt } from './adapt.js';

const _registry = loadRegistry();

describe('definite_pronoun_resolution', () => {
  const row = {
    sentence: 'The cat chased the mouse because it was hungry.',
    pronoun: 'it',
    candidates: ['The cat', 'the mouse'],
    label: 0,
  };

  it('offers the candidates as options and picks the labelled one', () => {
    expect(adapt('definite_pronoun_resolution', { ...row, label: 1n })).toEqual([
      {
        fields: { sentence: row.sentence, pronoun: 'it', answer: 'the mouse' },
        options: ['The cat', 'the mouse'],
      },
    ]);
    expect(adapt('definite_pronoun_resolution', row)).toMatchObject([{ fields: { answer: 'The cat' } }]);
  });

  it('skips a row whose label points at no candidate', () => {
    expect(adapt('definite_pronoun_resolution', { ...row, label: -1 })).toEqual({ skip: 'no gold label' });
    expect(adapt('definite_pronoun_resolution', { ...row, label: 2 })).toEqual({ skip: 'no gold label' });
  });
});

describe('winogrande', () => {
  const row = {
    sentence: 'The laptop would not fit in the backpack because the _ was too small.',
    option1: 'laptop',
    option2: 'backpack',
    answer: '2',
  };

  it('splits at the blank: context before it, options = candidate + the rest', () => {
    expect(adapt('winogrande', row)).toEqual([
      {
        fields: {
          context: 'The laptop would not fit in the backpack because the',
          answer: 'backpack was too small.',
        },
        options: ['laptop was too small.', 'backpack was too small.'],
      },
    ]);
  });

  it('answer "1" picks option1', () => {
    expect(adapt('winogrande', { ...row, answer: '1' })).toMatchObject([
      { fields: { answer: 'laptop was too small.' } },
    ]);
  });

  it('a blank at the very start leaves an empty context', () => {
    const r = adapt('winogrande', {
      sentence: '_ was late, so Ana waited.',
      option1: 'Bo',
      option2: 'Ana',
      answer: '1',
    });
    expect(r).toEqual([
      {
        fields: { context: '', answer: 'Bo was late, so Ana waited.' },
        options: ['Bo was late, so Ana waited.', 'Ana was late, so Ana waited.'],
      },
    ]);
  });

  it('skips rows with an empty answer (the test split) and rows without exactly one blank', () => {
    expect(adapt('winogrande', { ...row, answer: '' })).toEqual({ skip: 'no gold label' });
    expect(adapt('winogrande', { ...row, sentence: 'No blank here.' })).toEqual({ skip: 'no single blank' });
    expect(adapt('winogrande', { ...row, sentence: 'Two _ blanks _ here.' })).toEqual({
      skip: 'no single blank',
    });
  });

  it('refuses an answer that is not "1", "2" or empty', () => {
    expect(() => adapt('winogrande', { ...row, answer: '0' })).toThrow(/unexpected answer "0"/);
  });
});

describe('wsc273', () => {
  // Built as the Hub builds it: left + " " + pronoun + " " + right, pronoun_loc = len(left) + 1.
  const left = 'The city council refused the protesters a permit because';
  const row = {
    text: `${left} they feared violence.`,
    pronoun: 'they',
    pronoun_loc: left.length + 1,
    quote: 'they feared violence',
    quote_loc: left.length + 1,
    options: ['The city council', 'The protesters'],
    label: 0,
    source: 'test',
  };

  it('context = text before the pronoun; options = candidate + " " + text after it', () => {
    expect(adapt('wsc273', row)).toEqual([
      {
        fields: { context: left, answer: 'The city council feared violence.' },
        options: ['The city council feared violence.', 'The protesters feared violence.'],
      },
    ]);
    expect(adapt('wsc273', { ...row, label: 1n, pronoun_loc: BigInt(left.length + 1) })).toMatchObject([
      { fields: { answer: 'The protesters feared violence.' } },
    ]);
  });

  it('attaches a remainder that starts with punctuation without a space', () => {
    const l = 'Henry offered to teach George chess, since the rules were new to';
    const r = adapt('wsc273', {
      ...row,
      text: `${l} him .`,
      pronoun: 'him',
      pronoun_loc: l.length + 1,
      options: ['Henry', 'George'],
      label: 1,
    });
    expect(r).toEqual([{ fields: { context: l, answer: 'George.' }, options: ['Henry.', 'George.'] }]);
  });

  it('skips a row whose pronoun_loc does not point at the pronoun', () => {
    expect(adapt('wsc273', { ...row, pronoun_loc: 3 })).toEqual({ skip: 'pronoun not at pronoun_loc' });
  });
});

// Adapter tests for the paraphrase cluster: label mapping, QQP's quote clean-up, STS-B's score rounding.
import { describe, expect, it } from 'vitest';
import { AdapterError, type AdaptResult } from '../../src/adapters/index.js';
import { roundHalfEven } from '../../src/adapters/paraphrase/stsb.js';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt } from './adapt.js';

const _registry = loadRegistry();

function answerOf(result: AdaptResult): string | undefined {
  if ('skip' in result) return undefined;
  return result[0]?.fields.answer;
}

describe('mrpc', () => {
  it('maps not_equivalent (0) to "no" and equivalent (1) to "yes"', () => {
    const row = {
      sentence1: 'Shares rose 4 percent .',
      sentence2: 'The stock gained 4 percent .',
      label: 1,
      idx: 7,
    };
    expect(adapt('mrpc', row)).toEqual([
      {
        fields: {
          sentence1: 'Shares rose 4 percent .',
          sentence2: 'The stock gained 4 percent .',
          answer: 'yes',
        },
        options: ['no', 'yes'],
      },
    ]);
    expect(answerOf(adapt('mrpc', { ...row, label: 0 }))).toBe('no');
  });
});

describe('qqp', () => {
  it('turns doubled quotes into an apostrophe in both questions', () => {
    const row = {
      question1: 'What does ""carpe diem"" mean?',
      question2: 'Why do people say ""carpe diem""?',
      label: 0,
      idx: 12,
    };
    expect(adapt('qqp', row)).toEqual([
      {
        fields: {
          question1: "What does 'carpe diem' mean?",
          question2: "Why do people say 'carpe diem'?",
          answer: 'no',
        },
        options: ['no', 'yes'],
      },
    ]);
  });

  it('leaves single double quotes alone and maps duplicate (1) to "yes"', () => {
    const row = {
      question1: 'Is a 6" sub enough?',
      question2: 'Is a six-inch sub enough?',
      label: 1n,
      idx: 13,
    };
    expect(adapt('qqp', row)).toMatchObject([
      { fields: { question1: 'Is a 6" sub enough?', answer: 'yes' } },
    ]);
  });
});

describe('paws_wiki', () => {
  it('keeps the tokenized text as it is and maps 0/1 to no/yes', () => {
    const row = {
      id: 5,
      sentence1: 'He moved from Hamburg to Munich .',
      sentence2: 'He moved from Munich to Hamburg .',
      label: 0,
    };
    expect(adapt('paws_wiki', row)).toEqual([
      {
        fields: {
          sentence1: 'He moved from Hamburg to Munich .',
          sentence2: 'He moved from Munich to Hamburg .',
          answer: 'no',
        },
        options: ['no', 'yes'],
      },
    ]);
    expect(answerOf(adapt('paws_wiki', { ...row, label: 1n }))).toBe('yes');
  });
});

describe('stsb', () => {
  const row = (label: number) => ({
    sentence1: 'A man plays.',
    sentence2: 'A man is playing.',
    label,
    idx: 0,
  });

  it('rounds the score to a whole number as printf %.0f does (halves to even)', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [0.5, '0'],
      [0.6, '1'],
      [1.5, '2'],
      [2.5, '2'],
      [2.8, '3'],
      [3.5, '4'],
      [3.8, '4'],
      [4.5, '4'],
      [4.75, '5'],
      [5, '5'],
    ];
    for (const [score, answer] of cases)
      expect(answerOf(adapt('stsb', row(score))), `score ${score}`).toBe(answer);
  });

  it('rounds the float32 value the parquet file holds, not its decimal spelling', () => {
    // 2.4 as float32 is 2.4000000953674316; 1.5 is exact and ties to 2.
    expect(answerOf(adapt('stsb', row(Math.fround(2.4))))).toBe('2');
    expect(answerOf(adapt('stsb', row(Math.fround(1.5))))).toBe('2');
    expect(roundHalfEven(Math.fround(3.5000002))).toBe(4);
    expect(roundHalfEven(Math.fround(2.4999998))).toBe(2);
  });

  it('yields the sentences unchanged and all six options', () => {
    expect(adapt('stsb', row(3.2))).toEqual([
      {
        fields: { sentence1: 'A man plays.', sentence2: 'A man is playing.', answer: '3' },
        options: ['0', '1', '2', '3', '4', '5'],
      },
    ]);
  });

  it("rejects a score outside 0..5 (e.g. the unlabelled test split's -1)", () => {
    expect(() => adapt('stsb', row(-1))).toThrow(AdapterError);
    expect(() => adapt('stsb', row(5.6))).toThrow(AdapterError);
  });

  it('refuses a string label', () => {
    expect(() => adapt('stsb', { sentence1: 'a', sentence2: 'b', label: '3.0', idx: 0 })).toThrow(
      AdapterError,
    );
  });
});

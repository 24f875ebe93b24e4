import { describe, expect, it } from 'vitest';
import { removePunctuation } from '../../src/adapters/misc/fix_punct.js';
import { cleanMathText } from '../../src/adapters/misc/math_dataset.js';
import { HUB_COARSE_LABELS } from '../../src/adapters/misc/trec.js';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt } from './adapt.js';

const _registry = loadRegistry();

describe('coqa', () => {
  const row = {
    source: 'mctest',
    story: 'Pepper was a rabbit. He lived behind the garage.',
    questions: ['Who was Pepper?', 'Where did he live?'],
    answers: { input_text: ['a rabbit', 'behind the garage'], answer_start: [0, 21], answer_end: [19, 48] },
  };

  it('makes one example per story with numbered questions and answers', () => {
    expect(adapt('coqa', row)).toEqual([
      {
        fields: {
          text: 'Pepper was a rabbit. He lived behind the garage.',
          numbered_questions: '1. Who was Pepper?\n2. Where did he live?',
          numbered_answers: '1. a rabbit\n2. behind the garage',
        },
      },
    ]);
  });

  it('skips stories without questions or with unequal question and answer counts', () => {
    expect(adapt('coqa', { ...row, questions: [], answers: { input_text: [] } })).toEqual({
      skip: 'no questions',
    });
    expect(adapt('coqa', { ...row, answers: { input_text: ['a rabbit'] } })).toEqual({
      skip: 'question and answer counts differ',
    });
  });
});

describe('quac', () => {
  const row = {
    dialogue_id: 'C_1',
    wikipedia_page_title: 'Harold Finch',
    background: 'A Scottish engineer.',
    section_title: 'Harbour',
    context: 'He rebuilt the harbour in 1909. CANNOTANSWER',
    turn_ids: ['C_1_q#0', 'C_1_q#1', 'C_1_q#2'],
    questions: ['What did he build?', 'Was he paid well?', 'When?'],
    followups: [0, 1, 0],
    yesnos: [2, 2, 2],
    answers: {
      texts: [['He rebuilt the harbour'], ['CANNOTANSWER'], ['in 1909.']],
      answer_starts: [[0], [32], [23]],
    },
    orig_answers: {
      texts: ['He rebuilt the harbour', 'CANNOTANSWER', 'in 1909.'],
      answer_starts: [0, 32, 23],
    },
  };
  const common = {
    title: 'Harold Finch',
    background: 'A Scottish engineer.',
    context: 'He rebuilt the harbour in 1909. CANNOTANSWER',
  };

  it('explodes a dialogue into one example per question, CANNOTANSWER kept', () => {
    expect(adapt('quac', row)).toEqual([
      { fields: { ...common, question: 'What did he build?', answer: 'He rebuilt the harbour' } },
      { fields: { ...common, question: 'Was he paid well?', answer: 'CANNOTANSWER' } },
      { fields: { ...common, question: 'When?', answer: 'in 1909.' } },
    ]);
  });

  it('drops only the turns whose answer text is empty', () => {
    const r = adapt('quac', {
      ...row,
      orig_answers: { texts: ['He rebuilt the harbour', '', 'in 1909.'], answer_starts: [0, -1, 23] },
    });
    expect('skip' in r ? [] : r.map((e) => e.fields.question)).toEqual(['What did he build?', 'When?']);
  });

  it('skips a dialogue with no answered question, or with mismatched lists', () => {
    expect(
      adapt('quac', { ...row, questions: ['Q?'], orig_answers: { texts: [''], answer_starts: [-1] } }),
    ).toEqual({
      skip: 'no answered questions',
    });
    expect(adapt('quac', { ...row, orig_answers: { texts: ['x'], answer_starts: [0] } })).toEqual({
      skip: 'question and answer counts differ',
    });
  });
});

describe('trec', () => {
  it("keeps the Hub's coarse class order as a constant", () => {
    expect(HUB_COARSE_LABELS).toEqual(['ABBR', 'ENTY', 'DESC', 'HUM', 'LOC', 'NUM']);
  });

  it('maps each Hub class index to its FLAN option by name, not by index', () => {
    const expected = ['abbreviation', 'entity', 'description', 'human', 'location', 'numeric'];
    expected.forEach((answer, coarse_label) => {
      expect(adapt('trec', { text: 'Who? ', coarse_label, fine_label: 0 })).toEqual([
        {
          fields: { text: 'Who? ', answer },
          options: ['description', 'entity', 'abbreviation', 'human', 'numeric', 'location'],
        },
      ]);
    });
    expect(adapt('trec', { text: 'When ?', coarse_label: 5n })).toMatchObject([
      { fields: { answer: 'numeric' } },
    ]);
  });

  it('refuses an unknown class index', () => {
    expect(() => adapt('trec', { text: 'x', coarse_label: 6 })).toThrow(/coarse_label 6/);
  });
});

describe('cola', () => {
  it('label 0 = unacceptable, 1 = acceptable; -1 is skipped', () => {
    expect(adapt('cola', { sentence: 'Him went.', label: 0, idx: 1 })).toEqual([
      { fields: { sentence: 'Him went.', answer: 'unacceptable' }, options: ['unacceptable', 'acceptable'] },
    ]);
    expect(adapt('cola', { sentence: 'He went.', label: 1n, idx: 2 })).toMatchObject([
      { fields: { answer: 'acceptable' } },
    ]);
    expect(adapt('cola', { sentence: 'He went.', label: -1, idx: 3 })).toEqual({ skip: 'no gold label' });
  });
});

describe('wic', () => {
  const row = {
    word: 'bank',
    sentence1: 'The river bank.',
    sentence2: 'The bank closed.',
    start1: 10,
    start2: 4,
    end1: 14,
    end2: 8,
    idx: 0,
  };

  it('label 0 (False) = different meanings, 1 (True) = the same meaning; -1 is skipped', () => {
    expect(adapt('wic', { ...row, label: 0 })).toEqual([
      {
        fields: {
          word: 'bank',
          sentence1: 'The river bank.',
          sentence2: 'The bank closed.',
          answer: 'different meanings',
        },
        options: ['different meanings', 'the same meaning'],
      },
    ]);
    expect(adapt('wic', { ...row, label: 1 })).toMatchObject([{ fields: { answer: 'the same meaning' } }]);
    expect(adapt('wic', { ...row, label: -1 })).toEqual({ skip: 'no gold label' });
  });
});

describe('math_dataset', () => {
  it("strips the b'...' wrapper, its literal \\n and a trailing newline", () => {
    expect(cleanMathText("b'Solve 7*v - 40 = 2 for v.\\n'")).toBe('Solve 7*v - 40 = 2 for v.');
    expect(cleanMathText("b'-5\\n'")).toBe('-5');
    expect(cleanMathText('b"Let\'s solve 2*x = 4 for x.\\n"')).toBe("Let's solve 2*x = 4 for x.");
    expect(cleanMathText('Solve 96 = -16*r for r.\n')).toBe('Solve 96 = -16*r for r.');
  });

  it('leaves clean strings alone', () => {
    expect(cleanMathText('Solve 3*x + 7 = 22 for x.')).toBe('Solve 3*x + 7 = 22 for x.');
    expect(cleanMathText('-8')).toBe('-8');
    expect(cleanMathText("b = 3'")).toBe("b = 3'");
  });

  it('adapts a wrapped row into clean fields', () => {
    expect(
      adapt('math_dataset', { question: "b'Solve -12*w + 5*w = 35 for w.\\n'", answer: "b'-5\\n'" }),
    ).toEqual([{ fields: { question: 'Solve -12*w + 5*w = 35 for w.', answer: '-5' } }]);
    expect(adapt('math_dataset', { question: "b'\\n'", answer: '3' })).toEqual({
      skip: 'empty question or answer',
    });
  });
});

describe('fix_punct', () => {
  it('removes every character that is not a word character or whitespace, Unicode-aware', () => {
    expect(removePunctuation("Don't stop—the café's 10% off (today only)!")).toBe(
      'Dont stopthe cafés 10 off today only',
    );
    expect(removePunctuation('snake_case stays; Ünïcödé, 東京。')).toBe('snake_case stays Ünïcödé 東京');
  });

  it('asks for the original text back and skips rows with nothing to remove', () => {
    expect(adapt('fix_punct', { text: 'Hello, world!' })).toEqual([
      { fields: { no_punct: 'Hello world', answer: 'Hello, world!' } },
    ]);
    expect(adapt('fix_punct', { text: 'Thank you for your order' })).toEqual({ skip: 'no punctuation' });
  });
});

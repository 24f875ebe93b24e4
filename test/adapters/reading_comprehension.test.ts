import { describe, expect, it } from 'vitest';
import { ADAPTERS, AdapterError, adaptRow, type Row } from '../../src/adapters/index.js';
import { loadRegistry } from '../../src/registry/index.js';
import { loadTemplates, templatesFor } from '../../src/templates/index.js';

const registry = loadRegistry();

function run(datasetId: string, row: Row, taskId = datasetId) {
  const dataset = registry.datasets.find((d) => d.id === datasetId)!;
  const task = dataset.tasks.find((t) => t.id === taskId)!;
  return adaptRow(ADAPTERS[datasetId]!, row, { dataset, task });
}

describe('bool_q', () => {
  it('maps the bool answer to [no, yes] and the passage to text', () => {
    const row = { question: 'is the sky blue', answer: true, passage: 'The sky is blue.', idx: 3 };
    expect(run('bool_q', row)).toEqual([
      {
        fields: { text: 'The sky is blue.', question: 'is the sky blue', answer: 'yes' },
        options: ['no', 'yes'],
      },
    ]);
    expect(run('bool_q', { ...row, answer: false })).toEqual([
      {
        fields: { text: 'The sky is blue.', question: 'is the sky blue', answer: 'no' },
        options: ['no', 'yes'],
      },
    ]);
  });

  it('refuses a row whose answer is not a bool', () => {
    expect(() => run('bool_q', { question: 'q', answer: 'True', passage: 'p' })).toThrow(AdapterError);
  });
});

describe('drop', () => {
  const base = { section_id: 'nfl_1', query_id: 'q1', passage: 'P.', question: 'Who won?' };

  it('targets the first span and keeps every span as a reference', () => {
    const row = { ...base, answers_spans: { spans: ['Bears', 'Lions'], types: ['span', 'span'] } };
    expect(run('drop', row)).toEqual([
      { fields: { context: 'P.', question: 'Who won?', answer: 'Bears' }, answers: ['Bears', 'Lions'] },
    ]);
  });

  it('skips rows with no span', () => {
    expect(run('drop', { ...base, answers_spans: { spans: [], types: [] } })).toEqual({
      skip: 'no answer span',
    });
    expect(run('drop', { ...base, answers_spans: { spans: [' '], types: ['span'] } })).toEqual({
      skip: 'no answer span',
    });
  });
});

describe('multirc', () => {
  const row = {
    paragraph: 'Ann has a cat.',
    question: 'What pet does Ann have?',
    answer: 'A dog',
    idx: { paragraph: 0, question: 0, answer: 1 },
  };

  it('renames the candidate to response and maps the label to no/yes (bigint labels too)', () => {
    expect(run('multirc', { ...row, label: 0 })).toEqual([
      {
        fields: {
          paragraph: 'Ann has a cat.',
          question: 'What pet does Ann have?',
          response: 'A dog',
          answer: 'no',
        },
        options: ['no', 'yes'],
        group: 'Ann has a cat.\nWhat pet does Ann have?',
      },
    ]);
    const [ex] = run('multirc', { ...row, label: 1n }) as { fields: Record<string, string> }[];
    expect(ex!.fields.answer).toBe('yes');
  });

  it('refuses a label outside the options', () => {
    expect(() => run('multirc', { ...row, label: 2 })).toThrow(/outside its 2 options/);
  });
});

describe('openbookqa', () => {
  const row = {
    id: '7-1',
    question_stem: 'Plants need',
    choices: { text: ['rocks', 'light', 'plastic', 'noise'], label: ['A', 'B', 'C', 'D'] },
    answerKey: 'B',
    fact1: 'plants need sunlight to grow',
    humanScore: 1,
    clarity: 2,
    turkIdAnonymized: 'abc',
  };

  it('uses the row’s choices as options and picks the answer by its label', () => {
    expect(run('openbookqa', row)).toEqual([
      {
        fields: { question: 'Plants need', fact: 'plants need sunlight to grow', answer: 'light' },
        options: ['rocks', 'light', 'plastic', 'noise'],
      },
    ]);
  });

  it('finds the answer by label, not by position', () => {
    const shuffled = { ...row, choices: { text: ['noise', 'light', 'rocks'], label: ['D', 'A', 'B'] } };
    const [ex] = run('openbookqa', shuffled) as { fields: Record<string, string> }[];
    expect(ex!.fields.answer).toBe('rocks');
  });

  it('skips a row whose answer key names no choice', () => {
    expect(run('openbookqa', { ...row, answerKey: 'E' })).toEqual({ skip: 'answer key not among choices' });
  });
});

describe('squad', () => {
  const row = {
    id: 'x',
    title: 'New_York_City',
    context: 'NYC is big.',
    question: 'Is it big?',
    answers: { text: ['big', 'very big'], answer_start: [7, 2] },
  };

  it('replaces _ in the title, targets the first answer, keeps all answers (v1 and v2)', () => {
    const expected = [
      {
        fields: { title: 'New York City', context: 'NYC is big.', question: 'Is it big?', answer: 'big' },
        answers: ['big', 'very big'],
      },
    ];
    expect(run('squad', row, 'v1')).toEqual(expected);
    expect(run('squad', row, 'v2')).toEqual(expected);
  });

  it('gives v2 questions with no answer the answer "unanswerable"', () => {
    const impossible = { ...row, answers: { text: [], answer_start: [] } };
    expect(run('squad', impossible, 'v2')).toEqual([
      {
        fields: {
          title: 'New York City',
          context: 'NYC is big.',
          question: 'Is it big?',
          answer: 'unanswerable',
        },
        answers: ['unanswerable'],
      },
    ]);
  });

  it('never says "unanswerable" in v1: a v1 row with no answer is skipped', () => {
    expect(run('squad', { ...row, answers: { text: [], answer_start: [] } }, 'v1')).toEqual({
      skip: 'no answer',
    });
  });

  it('v1 and v2 have their own ten templates: every v2 one states the "unanswerable" reply, no v1 one does', () => {
    const catalog = loadTemplates(registry);
    const v1 = templatesFor(catalog, 'squad', 'v1');
    const v2 = templatesFor(catalog, 'squad', 'v2');
    expect(v1).not.toBe(v2);
    expect([v1.templates.length, v2.templates.length]).toEqual([10, 10]);
    for (const t of v1.templates)
      expect(t.input.source, `v1 template ${t.index}`).not.toMatch(/unanswerable/i);
    for (const t of v2.templates) {
      expect(t.inverted, `v2 template ${t.index}`).toBe(false);
      expect(t.input.source, `v2 template ${t.index}`).toContain('"unanswerable"');
    }
  });
});

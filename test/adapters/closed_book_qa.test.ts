import { describe, expect, it } from 'vitest';
import { ADAPTERS, AdapterError, adaptRow } from '../../src/adapters/index.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';

const registry = loadRegistry();
const run = (dataset: string, row: Record<string, unknown>, task?: string) => {
  const { dataset: d, task: t } = getTask(registry, dataset, task);
  return adaptRow(ADAPTERS[dataset]!, row, { dataset: d, task: t });
};

describe('arc', () => {
  const arcRow = (text: string[], label: string[], answerKey: string) => ({
    id: 'Mercury_1',
    question: 'Which of these is a gas at room temperature?',
    choices: { text, label },
    answerKey,
  });

  it('maps a letter answerKey through choices.label to the choice text', () => {
    expect(run('arc', arcRow(['iron', 'oxygen', 'salt', 'wax'], ['A', 'B', 'C', 'D'], 'B'), 'easy')).toEqual([
      {
        fields: { question: 'Which of these is a gas at room temperature?', answer: 'oxygen' },
        options: ['iron', 'oxygen', 'salt', 'wax'],
      },
    ]);
  });

  it('maps a digit answerKey (1-4) by label position, not as a letter', () => {
    const r = run('arc', arcRow(['iron', 'oxygen', 'salt', 'wax'], ['1', '2', '3', '4'], '4'), 'challenge');
    expect('skip' in r ? null : r[0]!.fields.answer).toBe('wax');
  });

  it('follows the label order even when labels are not in alphabetical order', () => {
    const r = run('arc', arcRow(['iron', 'oxygen', 'salt', 'wax'], ['D', 'C', 'B', 'A'], 'A'), 'easy');
    expect('skip' in r ? null : r[0]!.fields.answer).toBe('wax');
  });

  it('skips questions with three or five choices', () => {
    expect(run('arc', arcRow(['a', 'b', 'c'], ['A', 'B', 'C'], 'A'), 'easy')).toEqual({
      skip: 'not four choices',
    });
    expect(run('arc', arcRow(['a', 'b', 'c', 'd', 'e'], ['A', 'B', 'C', 'D', 'E'], 'E'), 'easy')).toEqual({
      skip: 'not four choices',
    });
  });

  it('refuses an answerKey that is not among the labels', () => {
    expect(() => run('arc', arcRow(['a', 'b', 'c', 'd'], ['A', 'B', 'C', 'D'], '2'), 'easy')).toThrow(
      AdapterError,
    );
  });
});

describe('natural_questions', () => {
  it('appends "?" to the query, targets the first answer and keeps all as answers', () => {
    expect(
      run('natural_questions', { question: 'when was the eiffel tower built', answer: ['1887', '1889'] }),
    ).toEqual([
      {
        fields: { question: 'when was the eiffel tower built?', answer: '1887' },
        answers: ['1887', '1889'],
      },
    ]);
  });

  it('does not double a question mark that is already there', () => {
    const r = run('natural_questions', { question: 'who is he?', answer: ['x'] });
    expect('skip' in r ? null : r[0]!.fields.question).toBe('who is he?');
  });

  it('skips a row with no answer', () => {
    expect(run('natural_questions', { question: 'q', answer: [] })).toEqual({ skip: 'no answer' });
  });
});

describe('trivia_qa', () => {
  const answer = {
    aliases: ['The Beatles', 'Beatles'],
    normalized_aliases: ['the beatles', 'beatles'],
    matched_wiki_entity_name: 'The Beatles',
    normalized_matched_wiki_entity_name: 'the beatles',
    normalized_value: 'the beatles',
    type: 'WikipediaEntity',
    value: 'The Beatles',
  };

  it('targets the normalized value and scores against the normalized aliases', () => {
    expect(run('trivia_qa', { question: 'Which band recorded Abbey Road?', answer })).toEqual([
      {
        fields: { question: 'Which band recorded Abbey Road?', answer: 'the beatles' },
        answers: ['the beatles', 'beatles'],
      },
    ]);
  });

  it('adds the normalized value to the answers when the aliases lack it', () => {
    const r = run('trivia_qa', { question: 'q', answer: { ...answer, normalized_aliases: ['beatles'] } });
    expect('skip' in r ? null : r[0]!.answers).toEqual(['the beatles', 'beatles']);
  });

  it('skips rows without an answer value (the unlabelled test split)', () => {
    const empty = { ...answer, aliases: [], normalized_aliases: [], normalized_value: '', value: '' };
    expect(run('trivia_qa', { question: 'q', answer: empty })).toEqual({ skip: 'no answer' });
  });
});

import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt, only } from './adapt.js';

const _registry = loadRegistry();

describe('cosmos_qa', () => {
  const row = {
    id: 'x##q1',
    context: 'We stayed up reading old letters.',
    question: 'Why did it take so long?',
    answer0: 'They read letters.',
    answer1: 'A fire.',
    answer2: 'Rain.',
    answer3: 'None of the above choices .',
    label: 3,
  };

  it('offers answer0..answer3 in order and picks the labelled one', () => {
    expect(only('cosmos_qa', row)).toEqual({
      fields: {
        context: 'We stayed up reading old letters.',
        question: 'Why did it take so long?',
        answer: 'None of the above choices .',
      },
      options: ['They read letters.', 'A fire.', 'Rain.', 'None of the above choices .'],
    });
  });

  it('skips unlabelled rows (-1)', () => {
    expect(adapt('cosmos_qa', { ...row, label: -1 })).toEqual({ skip: 'no gold label' });
  });
});

describe('record', () => {
  const row = {
    passage: 'Lucas Ferreira joined United from Benfica.\n@highlight\nFerreira signs\n@highlight\nFee £48m',
    query: 'Fans hope that @placeholder will score against Everton.',
    entities: ['Benfica', 'Ferreira', 'Lucas Ferreira', 'United'],
    entity_spans: [],
    answers: ['Lucas Ferreira', 'Ferreira'],
    idx: { passage: 0, query: 0 },
  };

  it('splits the query at @placeholder, suffixes options and answers, cuts the highlights', () => {
    const suffix = ' will score against Everton.';
    expect(only('record', row)).toEqual({
      fields: {
        passage: 'Lucas Ferreira joined United from Benfica.',
        query: 'Fans hope that',
        cloze: 'Fans hope that ___',
        answer: `Lucas Ferreira${suffix}`,
      },
      options: ['Benfica', 'Ferreira', 'Lucas Ferreira', 'United'].map((e) => e + suffix),
      answers: [`Lucas Ferreira${suffix}`, `Ferreira${suffix}`],
    });
  });

  it('gives an empty query when the placeholder opens the sentence', () => {
    const ex = only('record', { ...row, query: '@placeholder signed a five-year deal.' });
    expect(ex.fields.query).toBe('');
    expect(ex.fields.cloze).toBe('___');
    expect(ex.fields.answer).toBe('Lucas Ferreira signed a five-year deal.');
    expect(ex.options![0]).toBe('Benfica signed a five-year deal.');
  });

  it('keeps distinct entities in first-seen order', () => {
    const ex = only('record', {
      ...row,
      query: '@placeholder won.',
      entities: ['United', 'Benfica', 'United', 'Ferreira', 'Benfica'],
      answers: ['Ferreira'],
    });
    expect(ex.options).toEqual(['United won.', 'Benfica won.', 'Ferreira won.']);
    expect(ex.answers).toEqual(['Ferreira won.']);
  });

  it('leaves a passage with no highlights whole', () => {
    expect(only('record', { ...row, passage: 'Just the article.' }).fields.passage).toBe('Just the article.');
  });

  it('skips rows with no gold answer (test split)', () => {
    expect(adapt('record', { ...row, answers: [] })).toEqual({ skip: 'no gold answer' });
  });

  it('skips rows whose answer is not one of the entities, or whose query has no placeholder', () => {
    expect(adapt('record', { ...row, answers: ['Chelsea'] })).toEqual({ skip: 'answer not among entities' });
    expect(adapt('record', { ...row, query: 'No blank here.' })).toEqual({
      skip: 'query has no placeholder',
    });
  });
});

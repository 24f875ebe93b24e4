import { describe, expect, it } from 'vitest';
import { cleanYelpText } from '../../src/adapters/sentiment/yelp_polarity.js';
import { loadRegistry } from '../../src/registry/index.js';
import { adapt, only } from './adapt.js';

const _registry = loadRegistry();
const OPTIONS = ['negative', 'positive'];

describe('imdb', () => {
  it('turns <br /> into newlines; label 0 = negative, 1 = positive', () => {
    expect(only('imdb', { text: 'Dull.<br /><br />Very dull.', label: 0 })).toEqual({
      fields: { text: 'Dull.\n\nVery dull.', answer: 'negative' },
      options: OPTIONS,
    });
    expect(only('imdb', { text: 'Great.', label: 1n }).fields.answer).toBe('positive');
  });

  it('skips the unlabelled rows (-1)', () => {
    expect(adapt('imdb', { text: 'Unlabelled.', label: -1 })).toEqual({ skip: 'no gold label' });
  });
});

describe('sentiment140', () => {
  const row = { text: 'so happy today', date: 'Mon Apr 06 22:19:45 PDT 2009', user: 'u', query: 'NO_QUERY' };

  it('maps 4 to positive and 0 to negative', () => {
    expect(only('sentiment140', { ...row, sentiment: 4 })).toEqual({
      fields: { text: 'so happy today', answer: 'positive' },
      options: OPTIONS,
    });
    expect(only('sentiment140', { ...row, sentiment: 0 }).fields.answer).toBe('negative');
  });

  it('counts neutral (2) as negative, as FLAN does; 3 as positive and 1 as negative', () => {
    expect(only('sentiment140', { ...row, sentiment: 2 }).fields.answer).toBe('negative');
    expect(only('sentiment140', { ...row, sentiment: 3 }).fields.answer).toBe('positive');
    expect(only('sentiment140', { ...row, sentiment: 1 }).fields.answer).toBe('negative');
  });

  it('refuses a polarity outside 0-4', () => {
    expect(() => adapt('sentiment140', { ...row, sentiment: 5 })).toThrow(/outside 0-4/);
  });
});

describe('sst2', () => {
  it('label 0 = negative, 1 = positive; GLUE test rows (-1) are skipped', () => {
    expect(only('sst2', { sentence: 'a dull mess ', label: 0, idx: 1 })).toEqual({
      fields: { sentence: 'a dull mess ', answer: 'negative' },
      options: OPTIONS,
    });
    expect(only('sst2', { sentence: 'a gem ', label: 1, idx: 2 }).fields.answer).toBe('positive');
    expect(adapt('sst2', { sentence: 'x', label: -1, idx: 3 })).toEqual({ skip: 'no gold label' });
  });
});

describe('yelp_polarity', () => {
  it('unescapes \\" and turns a literal backslash-n into a space', () => {
    expect(cleanYelpText('He said \\"wait.\\"\\n\\nWe left.')).toBe('He said "wait."  We left.');
    // A real newline is left alone.
    expect(cleanYelpText('a\nb')).toBe('a\nb');
  });

  it('label 0 = negative (class "1"), 1 = positive (class "2")', () => {
    expect(only('yelp_polarity', { text: 'Cold food.\\nRude staff.', label: 0 })).toEqual({
      fields: { text: 'Cold food. Rude staff.', answer: 'negative' },
      options: OPTIONS,
    });
    expect(only('yelp_polarity', { text: 'Lovely.', label: 1 }).fields.answer).toBe('positive');
  });
});

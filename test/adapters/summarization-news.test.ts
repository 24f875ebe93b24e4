import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptRow, type Row } from '../../src/adapters/index.js';
import { stripArticleHeader } from '../../src/adapters/summarization/cnn_dailymail.js';
import { loadRegistry } from '../../src/registry/index.js';

const registry = loadRegistry();

function run(datasetId: string, row: Row) {
  const dataset = registry.datasets.find((d) => d.id === datasetId)!;
  return adaptRow(ADAPTERS[datasetId]!, row, { dataset, task: dataset.tasks[0]! });
}

describe('aeslc', () => {
  it('turns newlines in the body into spaces and drops them from the subject', () => {
    const row = { email_body: 'Hi Kay,\n\nSee attached.\nJohn', subject_line: 'Draft\n agreement' };
    expect(run('aeslc', row)).toEqual([
      { fields: { body: 'Hi Kay,  See attached. John', subject: 'Draft agreement' } },
    ]);
  });

  it('skips a row whose body or subject is empty (or only newlines)', () => {
    expect(run('aeslc', { email_body: 'FYI - see below.', subject_line: '' })).toEqual({
      skip: 'empty body or subject',
    });
    expect(run('aeslc', { email_body: '\n\n', subject_line: 'Hello' })).toEqual({
      skip: 'empty body or subject',
    });
  });
});

describe('ag_news', () => {
  it('maps labels 0-3 to World, Sports, Business, Science/Tech (not the Hub name Sci/Tech)', () => {
    const answers = [0, 1, 2, 3n].map((label) => {
      const [ex] = run('ag_news', { text: 'Headline Story text.', label }) as {
        fields: Record<string, string>;
      }[];
      return ex!.fields.answer;
    });
    expect(answers).toEqual(['World', 'Sports', 'Business', 'Science/Tech']);
  });

  it('keeps the whole Hub text (title + description) and lists the four options', () => {
    expect(run('ag_news', { text: 'Oil Rises NEW YORK (Reuters) - Oil rose.', label: 2 })).toEqual([
      {
        fields: { text: 'Oil Rises NEW YORK (Reuters) - Oil rose.', answer: 'Business' },
        options: ['World', 'Sports', 'Business', 'Science/Tech'],
      },
    ]);
  });

  it('refuses a label outside 0-3', () => {
    expect(() => run('ag_news', { text: 't', label: 4 })).toThrow(/outside its 4 options/);
  });
});

describe('cnn_dailymail', () => {
  it('drops a Daily Mail byline header ending in "<year> . "', () => {
    const article =
      'By . Jo Smith . PUBLISHED: . 07:42 EST, 14 May 2013 . | . UPDATED: . 11:20 EST, 14 May 2013 . A swan walked.';
    expect(run('cnn_dailymail', { article, highlights: 'Swan walks .', id: 'a1' })).toEqual([
      { fields: { text: 'A swan walked.', highlights: 'Swan walks .' } },
    ]);
    expect(
      stripArticleHeader('By . X . PUBLISHED: . 30 March 2014 . | . UPDATED: . 30 March 2014 . Body.'),
    ).toBe('Body.');
    expect(stripArticleHeader('PUBLISHED: . 8 November 2012 . Body.')).toBe('Body.');
  });

  it('drops a CNN dateline ending in "(CNN) -- "', () => {
    expect(stripArticleHeader('LONDON, England (CNN) -- Scientists say...')).toBe('Scientists say...');
  });

  it('applies the separators in turn, keeping the last piece each time', () => {
    // FLAN's rule is blunt: a later "(CNN) -- " cuts again, even inside the story.
    expect(stripArticleHeader('Header 2013 . Story (CNN) -- end.')).toBe('end.');
    expect(stripArticleHeader('a 2013 . b 2013 . c')).toBe('c');
  });

  it('leaves an article without any marker unchanged', () => {
    const article = 'The mayor of a small town in Spain asked residents to stop feeding boar.';
    expect(stripArticleHeader(article)).toBe(article);
  });
});

describe('gigaword', () => {
  it('maps document to text and keeps the summary', () => {
    expect(run('gigaword', { document: 'ecb keeps rates on hold .', summary: 'ecb holds rates' })).toEqual([
      { fields: { text: 'ecb keeps rates on hold .', summary: 'ecb holds rates' } },
    ]);
  });

  it('skips rows with "#" or "UNK" in the document or the summary', () => {
    const skipped = { skip: 'contains UNK or #' };
    expect(run('gigaword', { document: 'rate fell to #.# percent', summary: 'rate falls' })).toEqual(skipped);
    expect(run('gigaword', { document: 'the UNK said', summary: 'leader speaks' })).toEqual(skipped);
    expect(run('gigaword', { document: 'jobs data', summary: '##-year low' })).toEqual(skipped);
  });

  it('matches "UNK" case-sensitively, as FLAN does', () => {
    const [ex] = run('gigaword', { document: 'unknown gunmen attack', summary: 'gunmen attack' }) as {
      fields: Record<string, string>;
    }[];
    expect(ex!.fields.text).toBe('unknown gunmen attack');
  });
});

// Adapters of the summarization cluster (multi-document, news, opinion, dialogue and how-to summarization):
// their clean-ups and filters, on hand-written rows with exact expected outputs.
import { describe, expect, it } from 'vitest';
import { splitArticles, stripDashMarker } from '../../src/adapters/summarization/multi_news.js';
import { cleanDialogue } from '../../src/adapters/summarization/samsum.js';
import { loadRegistry } from '../../src/registry/index.js';
import { loadTemplates, renderTemplate } from '../../src/templates/index.js';
import { adapt, only } from './adapt.js';

const registry = loadRegistry();

describe('multi_news', () => {
  it('keeps every source article, one blank line between articles and one line per paragraph', () => {
    const document =
      'First article, paragraph one. \n \n First article, paragraph two. \n \n  ||||| Second article. \n \n ||||| Third.';
    const ex = only('multi_news', { document, summary: '– Three outlets covered it.' });
    expect(ex.fields).toEqual({
      text: 'First article, paragraph one.\nFirst article, paragraph two.\n\nSecond article.\n\nThird.',
      summary: 'Three outlets covered it.',
    });
  });

  it('strips the "– " marker that opens the summaries, and nothing else', () => {
    expect(stripDashMarker('– The rate fell.')).toBe('The rate fell.');
    expect(stripDashMarker(' - The rate fell. ')).toBe('The rate fell.');
    expect(stripDashMarker('-5 degrees – a record – hit the city.')).toBe(
      '-5 degrees – a record – hit the city.',
    );
    expect(stripDashMarker('The rate – again – fell.')).toBe('The rate – again – fell.');
  });

  it('drops empty pieces from leading, trailing or doubled separators', () => {
    expect(splitArticles(' ||||| A. ||||| ||||| B. \n \n ||||| ')).toEqual(['A.', 'B.']);
    expect(splitArticles('Only one article, no separator.')).toEqual(['Only one article, no separator.']);
    expect(splitArticles('Windows\r\n\r\nline ends')).toEqual(['Windows\nline ends']);
  });

  it('skips a row with no article text left, and one with no summary', () => {
    expect(adapt('multi_news', { document: ' ||||| \n \n ||||| ', summary: '– Something.' })).toEqual({
      skip: 'empty document',
    });
    expect(adapt('multi_news', { document: 'Text.', summary: '  ' })).toEqual({ skip: 'empty summary' });
    expect(adapt('multi_news', { document: 'Text.', summary: '– ' })).toEqual({ skip: 'empty summary' });
  });

  it('refuses a row without the document column', () => {
    expect(() => adapt('multi_news', { text: 'x', summary: 'y' })).toThrow(/document/);
  });
});

describe('newsroom', () => {
  it('passes title, text and summary through, trimmed', () => {
    const ex = only('newsroom', {
      title: ' Storm Closes Schools \n',
      text: 'Para one.\n\nPara two.\n',
      summary: 'Schools shut as the storm arrived. ',
      url: 'https://example.org/x',
    });
    expect(ex.fields).toEqual({
      title: 'Storm Closes Schools',
      text: 'Para one.\n\nPara two.',
      summary: 'Schools shut as the storm arrived.',
    });
  });

  it('skips rows with an empty article or summary', () => {
    expect(adapt('newsroom', { title: 'T', text: ' ', summary: 'S' })).toEqual({ skip: 'empty document' });
    expect(adapt('newsroom', { title: 'T', text: 'Body', summary: '' })).toEqual({ skip: 'empty summary' });
  });
});

describe('opinion_abstracts_idebate', () => {
  it('numbers the argument sentences from 1', () => {
    const ex = only('opinion_abstracts_idebate', {
      debate_name: 'This House would ban homework',
      claim: 'Homework widens gaps',
      argument_sentences: ['First point.', 'Second point.'],
    });
    expect(ex.fields).toEqual({
      debate_name: 'This House would ban homework',
      claim: 'Homework widens gaps',
      argument_sentences: '1. First point.\n2. Second point.',
    });
  });

  it('keeps only the first ten sentences, as FLAN does', () => {
    const sentences = Array.from({ length: 13 }, (_, i) => `S${i + 1}.`);
    const ex = only('opinion_abstracts_idebate', {
      debate_name: 'D',
      claim: 'C',
      argument_sentences: sentences,
    });
    const lines = ex.fields.argument_sentences!.split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('1. S1.');
    expect(lines[9]).toBe('10. S10.');
  });

  it('skips a claim with no argument sentences, or an empty claim', () => {
    expect(
      adapt('opinion_abstracts_idebate', { debate_name: 'D', claim: 'C', argument_sentences: [] }),
    ).toEqual({
      skip: 'no argument sentences',
    });
    expect(
      adapt('opinion_abstracts_idebate', { debate_name: 'D', claim: ' ', argument_sentences: ['x'] }),
    ).toEqual({ skip: 'empty claim' });
  });
});

describe('opinion_abstracts_movie', () => {
  it('turns the movie slug into words and takes the first review and the numbered reviews', () => {
    const ex = only('opinion_abstracts_movie', {
      movie_name: 'the_hollow_field_2019',
      critic_consensus: 'Creepy, then muddled.',
      critics: ['Creepy for an hour.', 'Then it falls apart.'],
    });
    expect(ex.fields).toEqual({
      movie: 'the hollow field 2019',
      critic_consensus: 'Creepy, then muddled.',
      first_review: 'Creepy for an hour.',
      numbered_reviews: '1. Creepy for an hour.\n2. Then it falls apart.',
    });
  });

  it('numbers at most ten reviews', () => {
    const critics = Array.from({ length: 12 }, (_, i) => `Review ${i + 1}.`);
    const ex = only('opinion_abstracts_movie', { movie_name: 'm', critic_consensus: 'c', critics });
    expect(ex.fields.numbered_reviews!.split('\n')).toHaveLength(10);
    expect(ex.fields.numbered_reviews!.endsWith('10. Review 10.')).toBe(true);
  });

  it('skips a movie with no reviews, or no consensus', () => {
    expect(adapt('opinion_abstracts_movie', { movie_name: 'm', critic_consensus: 'c', critics: [] })).toEqual(
      {
        skip: 'no reviews',
      },
    );
    expect(
      adapt('opinion_abstracts_movie', { movie_name: 'm', critic_consensus: '', critics: ['r'] }),
    ).toEqual({
      skip: 'empty consensus',
    });
  });
});

describe('samsum', () => {
  it('turns Windows line ends into newlines and attachment markers into a space', () => {
    const ex = only('samsum', {
      id: '1',
      dialogue: 'Ann: look\r\nAnn: <file_photo>\r\nBob: nice <file_gif>',
      summary: 'Ann sent Bob a photo.',
    });
    expect(ex.fields).toEqual({
      dialogue: 'Ann: look\nAnn:  \nBob: nice  ',
      summary: 'Ann sent Bob a photo.',
    });
  });

  it("is greedy within a line, like FLAN's <.*>, and never crosses a line break", () => {
    expect(cleanDialogue('Eva: thanks <3 a lot >:(\r\nKuba: <file_other> sorry')).toBe(
      'Eva: thanks  :(\nKuba:   sorry',
    );
    expect(cleanDialogue('A: 2 < 3\nB: 4 > 1')).toBe('A: 2 < 3\nB: 4 > 1');
    expect(cleanDialogue('Jo: <file_photo> and <file_photo>!')).toBe('Jo:  !');
  });

  it('skips a dialogue that is empty, also after clean-up', () => {
    expect(adapt('samsum', { id: '2', dialogue: '', summary: 'x' })).toEqual({ skip: 'empty dialogue' });
    expect(adapt('samsum', { id: '3', dialogue: '<file_photo>', summary: 'x' })).toEqual({
      skip: 'empty dialogue',
    });
  });
});

describe('wiki_lingua_en', () => {
  it('passes source and target through, trimmed', () => {
    const ex = only('wiki_lingua_en', {
      gem_id: 'en-train-1',
      source: ' Step text. ',
      target: 'Do the step. ',
      references: ['Do the step.'],
    });
    expect(ex.fields).toEqual({ source: 'Step text.', target: 'Do the step.' });
  });

  it('skips an empty source or target', () => {
    expect(adapt('wiki_lingua_en', { source: '', target: 'x' })).toEqual({ skip: 'empty document' });
    expect(adapt('wiki_lingua_en', { source: 'x', target: ' ' })).toEqual({ skip: 'empty summary' });
  });
});

describe('xsum', () => {
  it('maps document to text', () => {
    const ex = only('xsum', { document: 'Line one.\nLine two.', summary: 'One sentence.', id: '123' });
    expect(ex.fields).toEqual({ text: 'Line one.\nLine two.', summary: 'One sentence.' });
  });

  it('skips an empty document or summary', () => {
    expect(adapt('xsum', { document: '\n', summary: 'S', id: '1' })).toEqual({ skip: 'empty document' });
    expect(adapt('xsum', { document: 'D', summary: '', id: '2' })).toEqual({ skip: 'empty summary' });
  });
});

describe('summarization templates (these datasets)', () => {
  const catalog = loadTemplates(registry);

  it('renders an inverted samsum template with the summary in the input and the dialogue as target', () => {
    const set = catalog.get('samsum')!;
    const last = set.templates.at(-1)!;
    expect(last.inverted).toBe(true);
    const out = renderTemplate(set, last.index, {
      fields: { dialogue: 'A: hi\nB: hello', summary: 'A greets B.' },
    });
    expect(out.inputs.startsWith('A greets B.')).toBe(true);
    expect(out.targets).toBe('A: hi\nB: hello');
  });

  it('targets the reference text in every template that performs the task', () => {
    const canonical: Record<string, string> = {
      multi_news: '{{summary}}',
      newsroom: '{{summary}}',
      opinion_abstracts_idebate: '{{claim}}',
      opinion_abstracts_movie: '{{critic_consensus}}',
      samsum: '{{summary}}',
      wiki_lingua_en: '{{target}}',
      xsum: '{{summary}}',
    };
    for (const [id, target] of Object.entries(canonical)) {
      const set = catalog.get(id)!;
      for (const t of set.templates) {
        if (t.inverted) expect(t.target.source, `${id} template ${t.index}`).not.toBe(target);
        else expect(t.target.source, `${id} template ${t.index}`).toBe(target);
      }
      expect(set.templates.filter((t) => t.inverted).length, id).toBeGreaterThanOrEqual(1);
    }
  });
});

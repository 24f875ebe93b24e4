import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * Fix punctuation, derived from English sentences (a local file with a `text` column): FLAN removes every
 * character that is neither a word character nor whitespace (`[^\w\s]`, Unicode-aware, so letters such as
 * "é" stay) and asks for the original back. Sentences with nothing to remove are dropped, as FLAN does.
 */
export const fixPunct = defineAdapter({
  row: z.object({ text: z.string() }),
  fields: ['no_punct', 'answer'],
  adapt(row) {
    const noPunct = removePunctuation(row.text);
    if (noPunct === row.text) return skip('no punctuation');
    return one({ fields: { no_punct: noPunct, answer: row.text } });
  },
});

// Python's Unicode `\w` is letters, digits and "_"; combining marks are kept too so accented letters in
// decomposed form survive.
const NOT_WORD_OR_SPACE = /[^\p{L}\p{M}\p{N}_\s]/gu;

export function removePunctuation(text: string): string {
  return text.replace(NOT_WORD_OR_SPACE, '');
}

import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * Fix punctuation, derived from English sentences (a local file with a `text` column): FLAN removes every
 * character that is neither a word character nor whitespace (`[^\w\s]`) and asks for the original back.
 * Sentences with nothing to remove are dropped, as FLAN does. FLAN's regex runs in RE2, where `\w` is ASCII
 * only, so it also deletes letters such as "é"; we keep every Unicode letter, mark and digit, which is our
 * improvement: the task stays about punctuation.
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

// Unicode letters, digits and "_" (unlike RE2's ASCII `\w`); combining marks are kept too so accented letters
// in decomposed form survive.
const NOT_WORD_OR_SPACE = /[^\p{L}\p{M}\p{N}_\s]/gu;

export function removePunctuation(text: string): string {
  return text.replace(NOT_WORD_OR_SPACE, '');
}

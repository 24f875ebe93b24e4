import { z } from 'zod';
import { int, list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * WSC273 (evaluation only). As FLAN does, the context is the text before the pronoun (stripped) and each
 * option is a candidate antecedent followed by the text after the pronoun, so choosing an option resolves it.
 * The Hub builds `text` as left + " " + pronoun + " " + right, so a right part that starts with punctuation
 * ("him ." in the text) is attached without the space ("George."): that one deviation keeps endings readable.
 */
export const wsc273 = defineAdapter({
  row: z.object({
    text: z.string(),
    pronoun: z.string(),
    pronoun_loc: int,
    options: list(z.string()),
    label: int,
  }),
  fields: ['context', 'answer'],
  adapt(row) {
    const end = row.pronoun_loc + row.pronoun.length;
    if (row.text.slice(row.pronoun_loc, end).toLowerCase() !== row.pronoun.toLowerCase()) {
      return skip('pronoun not at pronoun_loc');
    }
    const after = row.text.slice(end).trim();
    const options = row.options.map((option) => joinEnding(option, after));
    const answer = options[row.label];
    if (row.label < 0 || answer === undefined) return skip('no gold label');
    return one({ fields: { context: row.text.slice(0, row.pronoun_loc).trim(), answer }, options });
  },
});

function joinEnding(option: string, after: string): string {
  if (after === '') return option;
  return /^[.,;:!?]/.test(after) ? option + after : `${option} ${after}`;
}

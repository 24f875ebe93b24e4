import { z } from 'zod';
import { int, list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * Definite Pronoun Resolution: a sentence, the pronoun to resolve and two candidate antecedents. FLAN uses
 * the candidates themselves as the options; the label indexes into them.
 */
export const definitePronounResolution = defineAdapter({
  row: z.object({ sentence: z.string(), pronoun: z.string(), candidates: list(z.string()), label: int }),
  fields: ['sentence', 'pronoun', 'answer'],
  adapt(row) {
    const answer = row.candidates[row.label];
    if (row.label < 0 || answer === undefined) return skip('no gold label');
    return one({
      fields: { sentence: row.sentence, pronoun: row.pronoun, answer },
      options: row.candidates,
    });
  },
});

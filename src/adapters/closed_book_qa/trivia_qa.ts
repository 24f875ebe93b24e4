import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * TriviaQA (rc.nocontext). FLAN trains on the normalized (lower-case, punctuation-free) answer value and scores
 * against the normalized aliases. Rows without an answer (the unlabelled test split) are dropped.
 */
export const triviaQa = defineAdapter({
  row: z.object({
    question: z.string(),
    answer: z.object({
      value: z.string(),
      normalized_value: z.string(),
      normalized_aliases: list(z.string()),
    }),
  }),
  fields: ['question', 'answer'],
  adapt(row) {
    const { value, normalized_value: answer, normalized_aliases: aliases } = row.answer;
    if (value.trim() === '' || answer.trim() === '') return skip('no answer');
    return one({
      fields: { question: row.question, answer },
      answers: aliases.includes(answer) ? aliases : [answer, ...aliases],
    });
  },
});

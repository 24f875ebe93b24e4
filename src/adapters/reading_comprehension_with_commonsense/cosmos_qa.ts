import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/** CosmosQA: context, question and four answers (options answer0..answer3). Unlabelled rows (-1): skipped. */
export const cosmosQa = defineAdapter({
  row: z.object({
    context: z.string(),
    question: z.string(),
    answer0: z.string(),
    answer1: z.string(),
    answer2: z.string(),
    answer3: z.string(),
    label: int,
  }),
  fields: ['context', 'question', 'answer'],
  adapt(row) {
    const options = [row.answer0, row.answer1, row.answer2, row.answer3];
    const answer = options[row.label];
    if (answer === undefined) return skip('no gold label');
    return one({ fields: { context: row.context, question: row.question, answer }, options });
  },
});

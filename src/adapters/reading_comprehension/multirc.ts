import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * SuperGLUE MultiRC: one row per (paragraph, question, candidate answer); the label says whether the
 * candidate is correct (0 = False → "no", 1 = True → "yes"). FLAN calls the candidate `response`, keeping
 * `answer` for the option text.
 */
export const multirc = defineAdapter({
  row: z.object({ paragraph: z.string(), question: z.string(), answer: z.string(), label: int }),
  fields: ['paragraph', 'question', 'response', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({
      fields: { paragraph: row.paragraph, question: row.question, response: row.answer, answer },
      options,
      // MultiRC's exact match asks every candidate of a question to be right, so candidates are grouped.
      group: `${row.paragraph}\n${row.question}`,
    });
  },
});

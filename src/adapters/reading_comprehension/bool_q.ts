import { z } from 'zod';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * BoolQ (google/boolq): the Hub's answer is a bool, mapped to the options [no, yes]. FLAN also fed TFDS's
 * `title`, which no Hub version has, so no template may use a title.
 */
export const bool_q = defineAdapter({
  row: z.object({ question: z.string(), answer: z.boolean(), passage: z.string() }),
  fields: ['text', 'question', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.answer ? 1 : 0);
    return one({ fields: { text: row.passage, question: row.question, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * GLUE QQP: label 0 = not_duplicate ("no"), 1 = duplicate ("yes"). The Quora dump escapes quotes by
 * doubling them (`""`); FLAN turns every `""` into a single `'` in both questions, and so do we.
 */
export const qqp = defineAdapter({
  row: z.object({ question1: z.string(), question2: z.string(), label: int }),
  fields: ['question1', 'question2', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({
      fields: { question1: undoubleQuotes(row.question1), question2: undoubleQuotes(row.question2), answer },
      options,
    });
  },
});

function undoubleQuotes(text: string): string {
  return text.replaceAll('""', "'");
}

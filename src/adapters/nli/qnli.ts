import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/** GLUE QNLI: label 0 = entailment (the sentence answers the question, "yes"), 1 = not_entailment ("no"). */
export const qnli = defineAdapter({
  row: z.object({ question: z.string(), sentence: z.string(), label: int }),
  fields: ['question', 'sentence', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { question: row.question, sentence: row.sentence, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/** GLUE MRPC: label 0 = not_equivalent ("no"), 1 = equivalent ("yes"). */
export const mrpc = defineAdapter({
  row: z.object({ sentence1: z.string(), sentence2: z.string(), label: int }),
  fields: ['sentence1', 'sentence2', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { sentence1: row.sentence1, sentence2: row.sentence2, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { labelOption } from '../labels.js';

/** GLUE SST-2: one sentence, label 0 = negative, 1 = positive. The GLUE test split has label -1: skipped. */
export const sst2 = defineAdapter({
  row: z.object({ sentence: z.string(), label: int }),
  fields: ['sentence', 'answer'],
  adapt(row, ctx) {
    if (row.label < 0) return skip('no gold label');
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { sentence: row.sentence, answer }, options });
  },
});

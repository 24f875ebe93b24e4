import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { labelOption } from '../labels.js';

/** GLUE CoLA: label 0 = unacceptable, 1 = acceptable; the unlabelled test rows (-1) are dropped. */
export const cola = defineAdapter({
  row: z.object({ sentence: z.string(), label: int }),
  fields: ['sentence', 'answer'],
  adapt(row, ctx) {
    if (row.label < 0) return skip('no gold label');
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { sentence: row.sentence, answer }, options });
  },
});

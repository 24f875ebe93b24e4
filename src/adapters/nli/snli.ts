import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * SNLI. Pairs whose annotators reached no consensus carry label -1 in every split; FLAN keeps only
 * labels 0-2 (entailment "yes", neutral "it is not possible to tell", contradiction "no").
 */
export const snli = defineAdapter({
  row: z.object({ premise: z.string(), hypothesis: z.string(), label: int }),
  fields: ['premise', 'hypothesis', 'answer'],
  adapt(row, ctx) {
    if (row.label < 0) return skip('no gold label');
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { premise: row.premise, hypothesis: row.hypothesis, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * SuperGLUE CommitmentBank. Its label order is entailment, contradiction, neutral, so label 1 is "No" and
 * label 2 is "It's impossible to say" (not the MNLI/ANLI order).
 */
export const cb = defineAdapter({
  row: z.object({ premise: z.string(), hypothesis: z.string(), label: int }),
  fields: ['premise', 'hypothesis', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { premise: row.premise, hypothesis: row.hypothesis, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/** SuperGLUE RTE: premise and hypothesis; label 0 = entailment ("yes"), 1 = not_entailment ("no"). */
export const rte = defineAdapter({
  row: z.object({ premise: z.string(), hypothesis: z.string(), label: int }),
  fields: ['premise', 'hypothesis', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { premise: row.premise, hypothesis: row.hypothesis, answer }, options });
  },
});

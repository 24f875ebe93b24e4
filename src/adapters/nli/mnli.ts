import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * GLUE MNLI (matched and mismatched read the same train split). Label 0 = entailment ("yes"),
 * 1 = neutral ("it is not possible to tell"), 2 = contradiction ("no").
 */
export const mnli = defineAdapter({
  row: z.object({ premise: z.string(), hypothesis: z.string(), label: int }),
  fields: ['premise', 'hypothesis', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { premise: row.premise, hypothesis: row.hypothesis, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * ANLI (rounds 1-3 share this adapter). FLAN names the premise `context`; label 0 = entailment ("Yes"),
 * 1 = neutral ("It's impossible to say"), 2 = contradiction ("No"). `uid` and `reason` are not used.
 */
export const anli = defineAdapter({
  row: z.object({ premise: z.string(), hypothesis: z.string(), label: int }),
  fields: ['context', 'hypothesis', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { context: row.premise, hypothesis: row.hypothesis, answer }, options });
  },
});

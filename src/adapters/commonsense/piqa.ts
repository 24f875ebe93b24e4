import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/** PIQA: a goal and two solutions, options [sol1, sol2]. The test split has label -1: skipped. */
export const piqa = defineAdapter({
  row: z.object({ goal: z.string(), sol1: z.string(), sol2: z.string(), label: int }),
  fields: ['goal', 'answer'],
  adapt(row) {
    const options = [row.sol1, row.sol2];
    const answer = options[row.label];
    if (answer === undefined) return skip('no gold label');
    return one({ fields: { goal: row.goal, answer }, options });
  },
});

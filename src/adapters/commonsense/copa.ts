import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * SuperGLUE COPA: a premise, two alternatives, and whether the cause or the effect is asked for.
 * Options are [choice1, choice2]. Besides FLAN's `question` ("cause" | "effect") the adapter gives a
 * `connector` ("because" | "so", as in FLAN's GLM-style premise) so templates can phrase the relation
 * naturally. The test split has label -1 (no gold answer): skipped.
 */
export const copa = defineAdapter({
  row: z.object({
    premise: z.string(),
    choice1: z.string(),
    choice2: z.string(),
    question: z.enum(['cause', 'effect']),
    label: int,
  }),
  fields: ['premise', 'question', 'connector', 'answer'],
  adapt(row) {
    const options = [row.choice1, row.choice2];
    const answer = options[row.label];
    if (answer === undefined) return skip('no gold label');
    const connector = row.question === 'cause' ? 'because' : 'so';
    return one({ fields: { premise: row.premise, question: row.question, connector, answer }, options });
  },
});

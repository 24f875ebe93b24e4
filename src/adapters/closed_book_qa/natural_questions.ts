import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * NQ-open: questions are lower-cased search queries without a question mark; FLAN appends "?" (we do not
 * double one that is already there). The target is the first reference; all references are kept as `answers`.
 */
export const naturalQuestions = defineAdapter({
  row: z.object({ question: z.string(), answer: list(z.string()) }),
  fields: ['question', 'answer'],
  adapt(row) {
    const [answer] = row.answer;
    if (answer === undefined) return skip('no answer');
    const q = row.question.trim();
    const question = q.endsWith('?') ? q : `${q}?`;
    return one({ fields: { question, answer }, answers: row.answer });
  },
});

import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * DROP (ucinlp/drop). TFDS gave FLAN a single `answer` string; the Hub has `answers_spans` instead, so the
 * target is its first span and every span is kept as a reference. A row with no span has no target.
 */
export const drop = defineAdapter({
  row: z.object({
    passage: z.string(),
    question: z.string(),
    answers_spans: z.object({ spans: list(z.string()) }),
  }),
  fields: ['context', 'question', 'answer'],
  adapt(row) {
    const spans = row.answers_spans.spans;
    const answer = spans[0];
    if (answer === undefined || answer.trim() === '') return skip('no answer span');
    return one({ fields: { context: row.passage, question: row.question, answer }, answers: spans });
  },
});

import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/** FLAN's target for SQuAD v2 questions the passage cannot answer. */
export const UNANSWERABLE = 'unanswerable';

/**
 * SQuAD v1.1 and v2.0 (tasks `v1`, `v2`). Wikipedia titles use `_` for spaces. The target is the first
 * answer text and every answer text is a reference. v2's unanswerable questions (empty `answers.text`;
 * TFDS's `is_impossible`) get the fixed answer "unanswerable"; v1 never does, so an empty v1 row is skipped.
 */
export const squad = defineAdapter({
  row: z.object({
    title: z.string(),
    context: z.string(),
    question: z.string(),
    answers: z.object({ text: list(z.string()) }),
  }),
  fields: ['title', 'context', 'question', 'answer'],
  adapt(row, ctx) {
    let answers = row.answers.text;
    if (answers.length === 0) {
      if (ctx.task.id !== 'v2') return skip('no answer');
      answers = [UNANSWERABLE];
    }
    const fields = {
      title: row.title.replaceAll('_', ' '),
      context: row.context,
      question: row.question,
      answer: answers[0]!,
    };
    return one({ fields, answers });
  },
});

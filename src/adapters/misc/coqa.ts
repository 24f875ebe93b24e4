import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, enumerateItems, one, skip } from '../define.js';

/**
 * CoQA: FLAN makes one example per story, not per question: every question of the conversation goes in as a
 * numbered list and the target is the numbered list of free-form answers (`answers.input_text`).
 */
export const coqa = defineAdapter({
  row: z.object({
    story: z.string(),
    questions: list(z.string()),
    answers: z.object({ input_text: list(z.string()) }),
  }),
  fields: ['text', 'numbered_questions', 'numbered_answers'],
  adapt(row) {
    const answers = row.answers.input_text;
    if (row.questions.length === 0) return skip('no questions');
    if (answers.length !== row.questions.length) return skip('question and answer counts differ');
    return one({
      fields: {
        text: row.story,
        numbered_questions: enumerateItems(row.questions),
        numbered_answers: enumerateItems(answers),
      },
    });
  },
});

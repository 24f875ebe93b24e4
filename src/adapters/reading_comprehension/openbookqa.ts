import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * OpenBookQA, config `additional` (the only one with `fact1`, the science fact the question is built on).
 * Options are the row's own choices; the answer is the choice whose label matches `answerKey`.
 */
export const openbookqa = defineAdapter({
  row: z.object({
    question_stem: z.string(),
    choices: z.object({ text: list(z.string()), label: list(z.string()) }),
    answerKey: z.string(),
    fact1: z.string(),
  }),
  fields: ['question', 'fact', 'answer'],
  adapt(row) {
    const options = row.choices.text;
    const answer = options[row.choices.label.indexOf(row.answerKey.trim())];
    if (answer === undefined) return skip('answer key not among choices');
    return one({ fields: { question: row.question_stem, fact: row.fact1, answer }, options });
  },
});

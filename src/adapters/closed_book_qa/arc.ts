import { z } from 'zod';
import { list } from '../columns.js';
import { AdapterError, defineAdapter, one, skip } from '../define.js';

/**
 * ARC (AI2 Reasoning Challenge), Easy and Challenge. The options are the question's own choice texts. FLAN
 * keeps only questions with exactly four choices (a few have three or five), so every example lists four.
 * `answerKey` is usually a letter (A-D) but some rows use digits (1-4): it is looked up in `choices.label`,
 * never decoded as a letter.
 */
export const arc = defineAdapter({
  row: z.object({
    question: z.string(),
    choices: z.object({ text: list(z.string()), label: list(z.string()) }),
    answerKey: z.string(),
  }),
  fields: ['question', 'answer'],
  adapt(row) {
    const { text, label } = row.choices;
    if (text.length !== label.length) {
      throw new AdapterError(`arc: ${text.length} choice texts but ${label.length} labels`);
    }
    if (text.length !== 4) return skip('not four choices');
    const answer = text[label.indexOf(row.answerKey.trim())];
    if (answer === undefined) {
      throw new AdapterError(
        `arc: answerKey "${row.answerKey}" is not one of the labels ${label.join(', ')}`,
      );
    }
    return one({ fields: { question: row.question, answer }, options: text });
  },
});

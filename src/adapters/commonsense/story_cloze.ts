import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

/**
 * StoryCloze 2016 (user-supplied files): the four story sentences joined by spaces are the context, the
 * two candidate endings the options; `answer_right_ending` is 1 or 2 (FLAN's label = answer_right_ending - 1).
 */
export const storyCloze = defineAdapter({
  row: z.object({
    input_sentence_1: z.string(),
    input_sentence_2: z.string(),
    input_sentence_3: z.string(),
    input_sentence_4: z.string(),
    sentence_quiz1: z.string(),
    sentence_quiz2: z.string(),
    answer_right_ending: int,
  }),
  fields: ['context', 'answer'],
  adapt(row) {
    const options = [row.sentence_quiz1, row.sentence_quiz2];
    const answer = options[row.answer_right_ending - 1];
    if (answer === undefined) return skip('no gold label');
    const context = [row.input_sentence_1, row.input_sentence_2, row.input_sentence_3, row.input_sentence_4]
      .map((s) => s.trim())
      .join(' ');
    return one({ fields: { context, answer }, options });
  },
});

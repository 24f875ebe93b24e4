import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, skip } from '../define.js';
import type { Example } from '../types.js';

/**
 * QuAC: a Hub row is a whole dialogue (lists per turn); FLAN's TFDS source has one row per question, so the
 * dialogue is exploded into one example per question, the answer being that turn's `orig_answers` text
 * ("CANNOTANSWER" included, as FLAN keeps it). Only turns with an empty question or answer are dropped.
 */
export const quac = defineAdapter({
  row: z.object({
    wikipedia_page_title: z.string(),
    background: z.string(),
    context: z.string(),
    questions: list(z.string()),
    orig_answers: z.object({ texts: list(z.string()) }),
  }),
  fields: ['title', 'background', 'context', 'question', 'answer'],
  adapt(row) {
    const texts = row.orig_answers.texts;
    if (texts.length !== row.questions.length) return skip('question and answer counts differ');
    const examples: Example[] = [];
    row.questions.forEach((question, i) => {
      const answer = texts[i]!;
      if (question.trim() === '' || answer.trim() === '') return;
      examples.push({
        fields: {
          title: row.wikipedia_page_title,
          background: row.background,
          context: row.context,
          question,
          answer,
        },
      });
    });
    return examples.length > 0 ? examples : skip('no answered questions');
  },
});

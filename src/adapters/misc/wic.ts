import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * SuperGLUE WiC: a word and two sentences using it; label 0 (False) = "different meanings", 1 (True) = "the
 * same meaning". The unlabelled test rows (-1) are dropped.
 */
export const wic = defineAdapter({
  row: z.object({ word: z.string(), sentence1: z.string(), sentence2: z.string(), label: int }),
  fields: ['word', 'sentence1', 'sentence2', 'answer'],
  adapt(row, ctx) {
    if (row.label < 0) return skip('no gold label');
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({
      fields: { word: row.word, sentence1: row.sentence1, sentence2: row.sentence2, answer },
      options,
    });
  },
});

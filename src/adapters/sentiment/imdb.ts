import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { labelOption } from '../labels.js';

/** IMDB reviews: label 0 = neg, 1 = pos; the HTML line breaks `<br />` become newlines, as in FLAN. */
export const imdb = defineAdapter({
  row: z.object({ text: z.string(), label: int }),
  fields: ['text', 'answer'],
  adapt(row, ctx) {
    // The Hub's `unsupervised` split has label -1.
    if (row.label < 0) return skip('no gold label');
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { text: row.text.replaceAll('<br />', '\n'), answer }, options });
  },
});

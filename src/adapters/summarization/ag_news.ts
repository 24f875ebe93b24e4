import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * AG News (fancyzhx/ag_news): topic classification, label 0-3 → World, Sports, Business, Science/Tech
 * (the Hub's "Sci/Tech", spelled out as FLAN does). FLAN's TFDS source had a separate title and
 * description; the Hub's `text` is the two joined by a space, so templates use the whole text.
 */
export const ag_news = defineAdapter({
  row: z.object({ text: z.string(), label: int }),
  fields: ['text', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { text: row.text, answer }, options });
  },
});

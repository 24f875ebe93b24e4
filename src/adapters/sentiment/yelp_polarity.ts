import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * The Yelp CSVs keep escapes in the text: FLAN turns `\"` back into `"` and a literal backslash-n (two
 * characters) into a space.
 */
export function cleanYelpText(text: string): string {
  return text.replaceAll('\\"', '"').replaceAll('\\n', ' ');
}

/** Yelp polarity reviews: ClassLabel names "1", "2", i.e. index 0 = negative, 1 = positive. */
export const yelpPolarity = defineAdapter({
  row: z.object({ text: z.string(), label: int }),
  fields: ['text', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { text: cleanYelpText(row.text), answer }, options });
  },
});

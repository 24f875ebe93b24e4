import { z } from 'zod';
import { int } from '../columns.js';
import { AdapterError, defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * Sentiment140 tweets, `sentiment` on a 0-4 scale (the Hub has 0 = negative, 2 = neutral, 4 = positive).
 * FLAN keeps two classes: positive iff the polarity is 3 or 4, everything else negative. Its filter on
 * polarity is defined but never applied, so the neutral tweets (2, only in the test split) count as
 * negative; we do the same.
 */
export const sentiment140 = defineAdapter({
  row: z.object({ text: z.string(), sentiment: int }),
  fields: ['text', 'answer'],
  adapt(row, ctx) {
    if (row.sentiment < 0 || row.sentiment > 4) {
      throw new AdapterError(`sentiment140: sentiment ${row.sentiment} is outside 0-4`);
    }
    const { options, answer } = labelOption(ctx.task, row.sentiment >= 3 ? 1 : 0);
    return one({ fields: { text: row.text, answer }, options });
  },
});

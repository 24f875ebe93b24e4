import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * Gigaword: a news article's first sentence and its headline (lower-cased, tokenised; digits are "#",
 * rare words "UNK"). FLAN drops every row whose document + summary contains "UNK" or "#", so targets never
 * ask the model to produce those placeholders.
 */
export const gigaword = defineAdapter({
  row: z.object({ document: z.string(), summary: z.string() }),
  fields: ['text', 'summary'],
  adapt(row) {
    const joined = row.document + row.summary;
    if (joined.includes('UNK') || joined.includes('#')) return skip('contains UNK or #');
    return one({ fields: { text: row.document, summary: row.summary } });
  },
});

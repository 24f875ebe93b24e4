import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * XSum: FLAN's `text` is the `document` (the BBC article without its introductory sentence) and the target
 * is that one-sentence `summary`. Rows with an empty document or summary are skipped.
 */
export const xsum = defineAdapter({
  row: z.object({ document: z.string(), summary: z.string() }),
  fields: ['text', 'summary'],
  adapt(row) {
    const text = row.document.trim();
    const summary = row.summary.trim();
    if (text === '') return skip('empty document');
    if (summary === '') return skip('empty summary');
    return one({ fields: { text, summary } });
  },
});

import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * Newsroom (manual files): title, article text and the publisher's summary, as FLAN takes them. Rows with
 * no article text or no summary are skipped, since a template would then have nothing to work on.
 */
export const newsroom = defineAdapter({
  row: z.object({ title: z.string(), text: z.string(), summary: z.string() }),
  fields: ['title', 'text', 'summary'],
  adapt(row) {
    const text = row.text.trim();
    const summary = row.summary.trim();
    if (text === '') return skip('empty document');
    if (summary === '') return skip('empty summary');
    return one({ fields: { title: row.title.trim(), text, summary } });
  },
});

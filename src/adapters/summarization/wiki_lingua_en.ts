import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * WikiLingua, English (GEM): `source` is a WikiHow article's step texts and `target` the summary made of
 * its step headlines; FLAN uses both unchanged. Rows with an empty source or target are skipped.
 */
export const wikiLinguaEn = defineAdapter({
  row: z.object({ source: z.string(), target: z.string() }),
  fields: ['source', 'target'],
  adapt(row) {
    const source = row.source.trim();
    const target = row.target.trim();
    if (source === '') return skip('empty document');
    if (target === '') return skip('empty summary');
    return one({ fields: { source, target } });
  },
});

import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, enumerateItems, one, skip } from '../define.js';

/** FLAN numbers at most this many argument sentences. */
const MAX_SENTENCES = 10;

/**
 * Opinion Abstracts, iDebate (manual files): FLAN numbers the first ten argument sentences
 * ("1. …\n2. …") so long arguments stay within the input length; the claim is the target.
 * A row with no argument sentences or no claim is skipped.
 */
export const opinionAbstractsIdebate = defineAdapter({
  row: z.object({ debate_name: z.string(), claim: z.string(), argument_sentences: list(z.string()) }),
  fields: ['debate_name', 'claim', 'argument_sentences'],
  adapt(row) {
    const sentences = row.argument_sentences.slice(0, MAX_SENTENCES);
    if (sentences.length === 0) return skip('no argument sentences');
    const claim = row.claim.trim();
    if (claim === '') return skip('empty claim');
    return one({
      fields: { debate_name: row.debate_name, claim, argument_sentences: enumerateItems(sentences) },
    });
  },
});

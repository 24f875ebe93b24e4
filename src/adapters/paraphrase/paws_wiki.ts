import { z } from 'zod';
import { int } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * PAWS Wiki (labeled_final): label 0 = not a paraphrase ("no"), 1 = paraphrase ("yes"). The text is kept
 * as the Hub gives it (space before punctuation), as FLAN kept TFDS's tokenized text.
 */
export const paws_wiki = defineAdapter({
  row: z.object({ sentence1: z.string(), sentence2: z.string(), label: int }),
  fields: ['sentence1', 'sentence2', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, row.label);
    return one({ fields: { sentence1: row.sentence1, sentence2: row.sentence2, answer }, options });
  },
});

import { z } from 'zod';
import { int } from '../columns.js';
import { AdapterError, defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/** The Hub's `coarse_label` ClassLabel names, in the Hub's index order (CogComp/trec). */
export const HUB_COARSE_LABELS = ['ABBR', 'ENTY', 'DESC', 'HUM', 'LOC', 'NUM'] as const;

/** FLAN's option text for each coarse class (FLAN lists them in TFDS order: DESC, ENTY, ABBR, HUM, NUM, LOC). */
const OPTION_BY_NAME: Readonly<Record<(typeof HUB_COARSE_LABELS)[number], string>> = {
  ABBR: 'abbreviation',
  ENTY: 'entity',
  DESC: 'description',
  HUM: 'human',
  LOC: 'location',
  NUM: 'numeric',
};

/**
 * TREC question classification, coarse labels. The Hub orders the classes differently from TFDS (which
 * FLAN's option list follows), so the label is mapped by class name, never by index.
 */
export const trec = defineAdapter({
  row: z.object({ text: z.string(), coarse_label: int }),
  fields: ['text', 'answer'],
  adapt(row, ctx) {
    const name = HUB_COARSE_LABELS[row.coarse_label];
    if (name === undefined)
      throw new AdapterError(`trec: coarse_label ${row.coarse_label} is not a known class`);
    const index = ctx.task.options?.indexOf(OPTION_BY_NAME[name]) ?? -1;
    if (index < 0) throw new AdapterError(`trec: the registry's options lack "${OPTION_BY_NAME[name]}"`);
    const { options, answer } = labelOption(ctx.task, index);
    return one({ fields: { text: row.text, answer }, options });
  },
});

import { z } from 'zod';
import { defineAdapter, one } from '../define.js';
import { labelOption } from '../labels.js';

/**
 * GLUE STS-B: the label is a float similarity score in [0, 5]. FLAN's target is the score printed with
 * no decimals (`tf.strings.as_string(label, precision=0)`, i.e. printf `%.0f`), which rounds halves to
 * even: 2.5 -> "2", 3.5 -> "4". The options are "0".."5", so the rounded score indexes them directly.
 */
export const stsb = defineAdapter({
  row: z.object({ sentence1: z.string(), sentence2: z.string(), label: z.number() }),
  fields: ['sentence1', 'sentence2', 'answer'],
  adapt(row, ctx) {
    const { options, answer } = labelOption(ctx.task, roundHalfEven(row.label));
    return one({ fields: { sentence1: row.sentence1, sentence2: row.sentence2, answer }, options });
  },
});

/** printf's `%.0f`: nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

import { z } from 'zod';
import { AdapterError, defineAdapter, one, skip } from '../define.js';

/**
 * WinoGrande: the sentence has one `_` blank. FLAN splits it there: the context is the part before the blank
 * (stripped), and each option is a candidate followed by the rest of the sentence, so the model picks an
 * ending. The Hub's answer is the string "1" or "2"; the test split leaves it empty (no gold label).
 */
export const winogrande = defineAdapter({
  row: z.object({ sentence: z.string(), option1: z.string(), option2: z.string(), answer: z.string() }),
  fields: ['context', 'answer'],
  adapt(row) {
    if (row.answer === '') return skip('no gold label');
    const label = ANSWER_INDEX[row.answer];
    if (label === undefined) throw new AdapterError(`winogrande: unexpected answer "${row.answer}"`);
    const parts = row.sentence.split('_');
    if (parts.length !== 2) return skip('no single blank');
    const [before, after] = parts as [string, string];
    const options = [row.option1 + after, row.option2 + after];
    return one({ fields: { context: before.trim(), answer: options[label]! }, options });
  },
});

const ANSWER_INDEX: Readonly<Record<string, number>> = { '1': 0, '2': 1 };

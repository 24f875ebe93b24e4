import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * DeepMind mathematics, algebra__linear_1d: question and answer as they are. Older Hub builds stored the
 * Python repr of the bytes, `b'Solve 3*x = 6 for x.\n'` (with a literal backslash-n), and some kept the
 * line's trailing newline; `cleanMathText` undoes both and leaves clean strings alone.
 */
export const mathDataset = defineAdapter({
  row: z.object({ question: z.string(), answer: z.string() }),
  fields: ['question', 'answer'],
  adapt(row) {
    const question = cleanMathText(row.question);
    const answer = cleanMathText(row.answer);
    if (question === '' || answer === '') return skip('empty question or answer');
    return one({ fields: { question, answer } });
  },
});

const BYTES_REPR = /^b(['"])([\s\S]*)\1$/;

export function cleanMathText(text: string): string {
  let s = text.trim();
  const wrapped = BYTES_REPR.exec(s);
  if (wrapped) s = wrapped[2]!;
  return s.replace(/(?:\\n|\s)+$/, '').trim();
}

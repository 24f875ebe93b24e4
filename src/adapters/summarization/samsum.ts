import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * SAMSum: as FLAN, Windows line ends become "\n", then every `<…>` span (the corpus's attachment markers
 * such as <file_photo>) becomes a space. The match is greedy within a line, exactly like FLAN's `<.*>`:
 * "a <b> c <d>" loses everything from the first "<" to the last ">". A row left with no dialogue is skipped.
 */
export function cleanDialogue(dialogue: string): string {
  return dialogue.replace(/\r\n/g, '\n').replace(/<.*>/g, ' ');
}

export const samsum = defineAdapter({
  row: z.object({ dialogue: z.string(), summary: z.string() }),
  fields: ['dialogue', 'summary'],
  adapt(row) {
    const dialogue = cleanDialogue(row.dialogue);
    if (dialogue.trim() === '') return skip('empty dialogue');
    if (row.summary.trim() === '') return skip('empty summary');
    return one({ fields: { dialogue, summary: row.summary } });
  },
});

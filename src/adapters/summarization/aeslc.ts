import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/**
 * AESLC (Yale-LILY/aeslc): an email body and its subject line. As FLAN does, newlines in the body become
 * spaces and newlines in the subject are dropped. FLAN only drops rows where body and subject are both
 * empty; we also skip a row with either one empty, since it would give an empty input or target.
 */
export const aeslc = defineAdapter({
  row: z.object({ email_body: z.string(), subject_line: z.string() }),
  fields: ['body', 'subject'],
  adapt(row) {
    const body = row.email_body.replaceAll('\n', ' ');
    const subject = row.subject_line.replaceAll('\n', '');
    if (body.trim() === '' || subject.trim() === '') return skip('empty body or subject');
    return one({ fields: { body, subject } });
  },
});

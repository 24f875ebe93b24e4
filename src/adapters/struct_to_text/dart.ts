import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one } from '../define.js';
import { allReferences, references } from './references.js';

/** DART's table placeholders, e.g. `[TABLECONTEXT]` and `[TITLE]` (all-caps tokens in square brackets). */
const TABLE_TOKEN = /\[[A-Z_]+\]/g;

/**
 * DART: each triple is written `subject | predicate | object`. FLAN offers the triples twice: joined with "; "
 * after removing the table placeholders ([TABLECONTEXT], [TITLE]), which carry no content, and one per line as
 * given. In the cleaned form, a part left empty is dropped (`[TABLECONTEXT] | [TITLE] | Rome` becomes `Rome`).
 */
export const dart = defineAdapter({
  row: z.object({ tripleset: list(list(z.string())), target: z.string(), references }),
  fields: ['tripleset', 'tripleset_newline', 'target'],
  adapt(row) {
    const cleaned = row.tripleset
      .map((triple) =>
        triple
          .map((part) => part.replace(TABLE_TOKEN, '').replace(/\s+/g, ' ').trim())
          .filter((part) => part !== '')
          .join(' | '),
      )
      .filter((triple) => triple !== '');
    return one({
      fields: {
        tripleset: cleaned.join('; '),
        tripleset_newline: row.tripleset.map((triple) => triple.join(' | ')).join('\n'),
        target: row.target,
      },
      answers: allReferences(row.target, row.references),
    });
  },
});

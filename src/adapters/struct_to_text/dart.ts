import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';
import { allReferences, references } from './references.js';

/** DART's table placeholders, e.g. `[TABLECONTEXT]` and `[TITLE]` (all-caps tokens in square brackets). */
const TABLE_TOKEN = /\[([A-Z_]+)\]/g;

/** The words a placeholder stands for: the table itself, and its title. */
const TOKEN_WORDS: Readonly<Record<string, string>> = { TABLECONTEXT: 'table', TITLE: 'title' };

/** One triple part: placeholders become their words (`[TABLECONTEXT]` → `table`), whitespace folded. */
export function cleanDartPart(part: string): string {
  return part
    .replace(TABLE_TOKEN, (_, name: string) => TOKEN_WORDS[name] ?? name.toLowerCase().replaceAll('_', ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * DART: each triple is written `subject | predicate | object`, joined with "; " (`tripleset`) or one per line
 * (`tripleset_newline`). FLAN deletes the table placeholders from the "; " form, which leaves non-triples such
 * as `| STAGE | 5`, and shows them raw in the other. Our rule, the same in both forms: a placeholder becomes the
 * word it stands for (`[TABLECONTEXT] | [TITLE] | 1998 Tour de Suisse` → `table | title | 1998 Tour de
 * Suisse`), so every item stays a three-part triple; a triple with an empty part states no fact and is
 * dropped; a row left with no triple is skipped.
 */
export const dart = defineAdapter({
  row: z.object({ tripleset: list(list(z.string())), target: z.string(), references }),
  fields: ['tripleset', 'tripleset_newline', 'target'],
  adapt(row) {
    const triples = row.tripleset
      .map((triple) => triple.map(cleanDartPart))
      .filter((triple) => triple.every((part) => part !== ''))
      .map((triple) => triple.join(' | '));
    if (triples.length === 0) return skip('no complete triple');
    return one({
      fields: {
        tripleset: triples.join('; '),
        tripleset_newline: triples.join('\n'),
        target: row.target,
      },
      answers: allReferences(row.target, row.references),
    });
  },
});

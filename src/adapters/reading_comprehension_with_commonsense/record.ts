import { z } from 'zod';
import { list } from '../columns.js';
import { defineAdapter, one, skip } from '../define.js';

const PLACEHOLDER = '@placeholder';
const HIGHLIGHT = '\n@highlight';
const GAP = '___';

/**
 * SuperGLUE ReCoRD, as FLAN turns it into multiple choice: the query is cut at `@placeholder`; `query` is
 * the (stripped) text before it, and every option is an entity followed by the text after it, so options
 * complete the query. `answer` is the first gold entity with the same suffix, `answers` all of them. The
 * passage is cut before its `@highlight` bullet list. Options keep distinct entities in first-seen order.
 * Rows with no gold answer (the test split) are skipped. `cloze` is the query with its gap marked (`Fans hope
 * that ___`, or `___` alone when the blank opens the sentence), so no template renders an empty label or a
 * stray space before the gap.
 */
export const record = defineAdapter({
  row: z.object({
    passage: z.string(),
    query: z.string(),
    entities: list(z.string()),
    answers: list(z.string()),
  }),
  fields: ['passage', 'query', 'cloze', 'answer'],
  adapt(row) {
    if (row.answers.length === 0) return skip('no gold answer');
    const at = row.query.indexOf(PLACEHOLDER);
    if (at < 0) return skip('query has no placeholder');
    const left = row.query.slice(0, at).trim();
    const right = row.query.slice(at + PLACEHOLDER.length);
    const options = [...new Set(row.entities)].map((e) => e + right);
    const answers = [...new Set(row.answers)].map((a) => a + right);
    const answer = answers[0]!;
    if (!options.includes(answer)) return skip('answer not among entities');
    const cut = row.passage.indexOf(HIGHLIGHT);
    const passage = cut < 0 ? row.passage : row.passage.slice(0, cut);
    const cloze = left === '' ? GAP : `${left} ${GAP}`;
    return one({ fields: { passage, query: left, cloze, answer }, options, answers });
  },
});

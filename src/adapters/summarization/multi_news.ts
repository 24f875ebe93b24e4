import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';

/** The Hub's separator between the source articles of one Multi-News row. */
const ARTICLE_SEPARATOR = '|||||';

/**
 * Splits a Multi-News `document` into its source articles. On the Hub each article's line breaks are the
 * dataset's restored NEWLINE_CHARs (" \n \n " between paragraphs), so inside an article the spaces around
 * line breaks go and each paragraph keeps one line of its own; empty pieces (a trailing separator, a
 * source whose text was lost) are dropped.
 */
export function splitArticles(document: string): string[] {
  return document
    .split(ARTICLE_SEPARATOR)
    .map((article) =>
      article
        .replace(/[ \t]*\r?\n[ \t]*/g, '\n')
        .replace(/\n{2,}/g, '\n')
        .trim(),
    )
    .filter((article) => article !== '');
}

/** Removes the "– " (or "- ") marker that opens Multi-News summaries; a dash not followed by a space stays. */
export function stripDashMarker(summary: string): string {
  return summary.trim().replace(/^[–-](\s+|$)/, '');
}

/**
 * Multi-News: FLAN feeds `document` to its templates as `text`, "|||||" separators included. We keep every
 * source article but print them one after another with a blank line between them (paragraphs inside an
 * article are single lines), so templates can speak of "the articles below" without a bare token in the
 * middle. The summaries open with the editors' "– " marker: the loaders meant to strip it (`lstrip("- ")`)
 * but it is an en dash, so it survived into FLAN's targets; we strip it. Rows with no article text left are
 * skipped: there is nothing to summarize.
 */
export const multiNews = defineAdapter({
  row: z.object({ document: z.string(), summary: z.string() }),
  fields: ['text', 'summary'],
  adapt(row) {
    const articles = splitArticles(row.document);
    if (articles.length === 0) return skip('empty document');
    const summary = stripDashMarker(row.summary);
    if (summary === '') return skip('empty summary');
    return one({ fields: { text: articles.join('\n\n'), summary } });
  },
});

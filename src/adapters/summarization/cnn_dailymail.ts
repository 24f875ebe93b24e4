import { z } from 'zod';
import { defineAdapter, one } from '../define.js';

/**
 * Markers after which the story proper begins: the byline/dateline header of many articles ends in
 * "PUBLISHED: ... 2013 . " or "(CNN) -- ". FLAN splits on each in turn and keeps the last piece.
 */
export const CNN_DAILYMAIL_SEPARATORS = ['2013 . ', '2014 . ', '2012 . ', ') -- '] as const;

/** The article with FLAN's header strip applied. */
export function stripArticleHeader(article: string): string {
  let text = article;
  for (const sep of CNN_DAILYMAIL_SEPARATORS) text = text.split(sep).at(-1)!;
  return text;
}

/** CNN/DailyMail 3.0.0: the article (header stripped) is summarised by its highlights. */
export const cnn_dailymail = defineAdapter({
  row: z.object({ article: z.string(), highlights: z.string() }),
  fields: ['text', 'highlights'],
  adapt(row) {
    return one({ fields: { text: stripArticleHeader(row.article), highlights: row.highlights } });
  },
});

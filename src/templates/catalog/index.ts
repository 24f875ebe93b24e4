import { files as closedBookQa } from './closed_book_qa.js';
import { files as commonsense } from './commonsense.js';
import { files as coreference } from './coreference.js';
import { files as misc } from './misc.js';
import { files as nli } from './nli.js';
import { files as paraphrase } from './paraphrase.js';
import { files as readingComprehension } from './reading_comprehension.js';
import { files as readingComprehensionWithCommonsense } from './reading_comprehension_with_commonsense.js';
import { files as sentiment } from './sentiment.js';
import { files as structToText } from './struct_to_text.js';
import { files as summarization } from './summarization.js';
import { files as translation } from './translation.js';

/** Every shipped template file's text, by path (bundled at build time, so no file system is needed). */
export const TEMPLATE_FILES: Readonly<Record<string, string>> = {
  ...nli,
  ...commonsense,
  ...sentiment,
  ...paraphrase,
  ...closedBookQa,
  ...structToText,
  ...translation,
  ...readingComprehension,
  ...readingComprehensionWithCommonsense,
  ...coreference,
  ...misc,
  ...summarization,
};

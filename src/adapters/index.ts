import { adapters as closedBookQa } from './closed_book_qa/index.js';
import { adapters as commonsense } from './commonsense/index.js';
import { adapters as coreference } from './coreference/index.js';
import { adapters as misc } from './misc/index.js';
import { adapters as nli } from './nli/index.js';
import { adapters as paraphrase } from './paraphrase/index.js';
import { adapters as readingComprehension } from './reading_comprehension/index.js';
import { adapters as readingComprehensionWithCommonsense } from './reading_comprehension_with_commonsense/index.js';
import { adapters as sentiment } from './sentiment/index.js';
import { adapters as structToText } from './struct_to_text/index.js';
import { adapters as summarization } from './summarization/index.js';
import { adapters as translation } from './translation/index.js';
import type { Adapter } from './types.js';

export * from './define.js';
export * from './types.js';

/** Every shipped adapter, by dataset id. */
export const ADAPTERS: Readonly<Record<string, Adapter<unknown>>> = {
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

import type { CLUSTER_IDS, Cluster } from '../src/registry/index.js';

// What each held-out cluster takes out of training besides itself (Part A §6), written by hand so that
// tests of heldOutSplit and of whole builds check against a table, not against the code under test.
export const ALSO_REMOVED: Record<(typeof CLUSTER_IDS)[number], Cluster[]> = {
  nli: ['paraphrase'],
  paraphrase: ['nli'],
  reading_comprehension: ['reading_comprehension_with_commonsense'],
  commonsense: ['reading_comprehension_with_commonsense'],
  reading_comprehension_with_commonsense: ['reading_comprehension', 'commonsense'],
  sentiment: [],
  closed_book_qa: [],
  struct_to_text: [],
  translation: [],
  coreference: [],
  misc: [],
  summarization: [],
};

/** Datasets with no training split: evaluation only, never in a mixture. */
export const EVAL_ONLY = ['wsc273'];

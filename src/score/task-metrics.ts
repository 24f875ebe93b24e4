import type { Dataset } from '../registry/schema.js';

/**
 * How a held-out task is scored: the metric family FLAN uses for it, the metrics it reports and the one that
 * stands for the task in means and in choosing the best template.
 */
export type MetricFamily =
  | 'accuracy'
  | 'binary_f1'
  | 'matthews'
  | 'correlation'
  | 'multirc'
  | 'squad'
  | 'trivia_qa'
  | 'rouge'
  | 'bleu'
  | 'exact_match'
  | 'edit_distance';

export interface TaskMetrics {
  family: MetricFamily;
  /** Every metric reported, headline first. */
  metrics: readonly string[];
  /** The metric used for template means, the best-dev-template choice and cluster means. */
  headline: string;
  /** False for distances; such tasks stay out of cluster means (they are not on a 0–100 score scale). */
  higherIsBetter: boolean;
}

const FAMILIES: Record<MetricFamily, TaskMetrics> = {
  accuracy: { family: 'accuracy', metrics: ['accuracy'], headline: 'accuracy', higherIsBetter: true },
  binary_f1: { family: 'binary_f1', metrics: ['f1', 'accuracy'], headline: 'f1', higherIsBetter: true },
  matthews: {
    family: 'matthews',
    metrics: ['matthews', 'accuracy'],
    headline: 'matthews',
    higherIsBetter: true,
  },
  correlation: {
    family: 'correlation',
    metrics: ['pearson', 'spearman', 'accuracy'],
    headline: 'pearson',
    higherIsBetter: true,
  },
  multirc: { family: 'multirc', metrics: ['f1a', 'em', 'accuracy'], headline: 'f1a', higherIsBetter: true },
  squad: { family: 'squad', metrics: ['f1', 'em'], headline: 'f1', higherIsBetter: true },
  trivia_qa: { family: 'trivia_qa', metrics: ['em', 'f1'], headline: 'em', higherIsBetter: true },
  rouge: {
    family: 'rouge',
    metrics: ['rougeLsum', 'rouge1', 'rouge2'],
    headline: 'rougeLsum',
    higherIsBetter: true,
  },
  bleu: { family: 'bleu', metrics: ['bleu'], headline: 'bleu', higherIsBetter: true },
  exact_match: { family: 'exact_match', metrics: ['accuracy'], headline: 'accuracy', higherIsBetter: true },
  edit_distance: {
    family: 'edit_distance',
    metrics: ['mean_edit'],
    headline: 'mean_edit',
    higherIsBetter: false,
  },
};

/** Datasets whose metric is not their kind's default (accuracy for classification). */
const BY_DATASET: Readonly<Record<string, MetricFamily>> = {
  cola: 'matthews',
  mrpc: 'binary_f1',
  qqp: 'binary_f1',
  stsb: 'correlation',
  multirc: 'multirc',
  squad: 'squad',
  drop: 'squad',
  coqa: 'squad',
  natural_questions: 'trivia_qa',
  trivia_qa: 'trivia_qa',
  quac: 'trivia_qa',
  math_dataset: 'exact_match',
  fix_punct: 'edit_distance',
};

/** TriviaQA's headline is exact match (as the paper compares it); QuAC's, like SQuAD's, is F1. */
const HEADLINE_F1 = new Set(['quac']);

/** The metrics of a dataset: by name, else by cluster (translation: BLEU; summaries and data-to-text: ROUGE). */
export function taskMetrics(dataset: Pick<Dataset, 'id' | 'cluster' | 'kind'>): TaskMetrics {
  let family = BY_DATASET[dataset.id];
  if (family === undefined) {
    if (dataset.kind === 'classification') family = 'accuracy';
    else if (dataset.cluster === 'translation') family = 'bleu';
    else if (dataset.cluster === 'summarization' || dataset.cluster === 'struct_to_text') family = 'rouge';
    else family = 'accuracy';
  }
  const m = FAMILIES[family];
  if (HEADLINE_F1.has(dataset.id)) return { ...m, metrics: ['f1', 'em'], headline: 'f1' };
  return m;
}

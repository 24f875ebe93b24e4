import type { ScoreReport, TaskScore } from './aggregate.js';

// Shared by the Markdown and HTML reports: number formatting and the labels people read.

/** One decimal on the 0–100 scale (as the paper prints), two for edit distances; a dash for no value. */
export function fmt(v: number | null | undefined, higherIsBetter = true): string {
  if (v === null || v === undefined) return '–';
  return v.toFixed(higherIsBetter ? 1 : 2);
}

export const METRIC_LABELS: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  f1: 'F1',
  em: 'exact match',
  f1a: 'F1a',
  matthews: 'Matthews corr.',
  pearson: 'Pearson',
  spearman: 'Spearman',
  rouge1: 'ROUGE-1',
  rouge2: 'ROUGE-2',
  rougeLsum: 'ROUGE-Lsum',
  bleu: 'BLEU',
  mean_edit: 'edit distance',
};

export const metricLabel = (m: string) => METRIC_LABELS[m] ?? m;

export const CLUSTER_NAMES: Readonly<Record<string, string>> = {
  nli: 'Natural language inference',
  commonsense: 'Commonsense',
  sentiment: 'Sentiment',
  paraphrase: 'Paraphrase',
  closed_book_qa: 'Closed-book QA',
  struct_to_text: 'Struct to text',
  translation: 'Translation',
  reading_comprehension: 'Reading comprehension',
  reading_comprehension_with_commonsense: 'Reading comprehension with commonsense',
  coreference: 'Coreference',
  misc: 'Miscellaneous',
  summarization: 'Summarization',
};

export const clusterName = (c: string) => CLUSTER_NAMES[c] ?? c;

/** Template numbers that any task of the report has, for per-template columns. */
export function templateColumns(tasks: readonly TaskScore[]): number[] {
  return [...new Set(tasks.flatMap((t) => t.templates.map((x) => x.template)))].sort((a, b) => a - b);
}

export function headlineOf(t: TaskScore, template: number): number | null {
  return t.templates.find((x) => x.template === template)?.test?.[t.metric] ?? null;
}

export function coverageLine(r: ScoreReport): string {
  const { records, scored, missing, invertedSkipped } = r.coverage;
  const pct = records === 0 ? 0 : (100 * scored) / records;
  return (
    `${scored.toLocaleString('en-US')} of ${records.toLocaleString('en-US')} evaluation records scored (${pct.toFixed(1)}%)` +
    (missing ? `, ${missing.toLocaleString('en-US')} without a prediction` : '') +
    (invertedSkipped
      ? `, ${invertedSkipped.toLocaleString('en-US')} inverted-template records not scored`
      : '')
  );
}

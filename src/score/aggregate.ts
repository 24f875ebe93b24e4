import { CLUSTER_IDS } from '../registry/schema.js';
import type { Metrics, Tally } from './tally.js';
import type { TaskMetrics } from './task-metrics.js';

/** A task's running tallies, per split and template. */
export interface TaskTallies {
  dataset: string;
  task: string;
  key: string;
  cluster: string;
  /** Position in the registry, for a stable report order. */
  order: number;
  metrics: TaskMetrics;
  records: number;
  scored: number;
  tallies: Map<string, { split: 'validation' | 'test'; template: number; tally: Tally }>;
}

export interface TemplateScore {
  template: number;
  /** Metrics on the test split; null when the template has no scored test record. */
  test: Metrics | null;
  validation: Metrics | null;
  examples: { test: number; validation: number };
}

export interface TaskScore {
  dataset: string;
  task: string;
  key: string;
  cluster: string;
  family: TaskMetrics['family'];
  /** The headline metric (means, best template, cluster means). */
  metric: string;
  metrics: readonly string[];
  higherIsBetter: boolean;
  coverage: { records: number; scored: number };
  templates: TemplateScore[];
  /** Each metric's mean over the templates' test scores. */
  mean: Metrics;
  /** The template with the best headline on the validation slice, and its test metrics. */
  bestDev: { template: number; validation: number; test: Metrics } | null;
}

export interface DatasetScore {
  dataset: string;
  cluster: string;
  metric: string;
  higherIsBetter: boolean;
  tasks: string[];
  /** Headline mean over templates (averaged over the dataset's tasks). */
  mean: number | null;
  /** Headline test score of the best dev template (averaged over the dataset's tasks). */
  bestDev: number | null;
}

export interface ClusterScore {
  cluster: string;
  /** Datasets in the cluster's means. */
  datasets: string[];
  /** Datasets scored but left out of the means: their metric is not a 0–100 score (edit distance). */
  notAveraged: string[];
  mean: number | null;
  bestDev: number | null;
}

export interface ScoreReport {
  flanmix: string;
  coverage: { records: number; scored: number; missing: number; invertedSkipped: number };
  notes: string[];
  clusters: ClusterScore[];
  datasets: DatasetScore[];
  tasks: TaskScore[];
}

export const NOTES = [
  'Templates: every mean is over the non-inverted templates the evaluation files hold; inverted templates ask for a different task and are not scored.',
  "Best dev template: the template with the best score on the validation slice (in the task's main metric, the first in its row); its test score is reported. Ties go to the lower template number.",
  'Options tasks are scored by rank classification: the option with the highest score is the answer (ties go to the first option; for ReCoRD any gold answer counts). A text prediction counts when, trimmed, it equals a gold option.',
  'ROUGE: rouge-score with Porter stemming, F-measure averaged over examples; ROUGE-Lsum splits sentences on newlines; several references: the best per ROUGE type.',
  'BLEU: corpus BLEU as sacrebleu computes it by default (13a tokenization, exp smoothing).',
  'Edit distance (fix_punct): mean word-level edit distance, lower is better; not part of cluster means.',
];

function meanOf(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function scoreTask(t: TaskTallies): TaskScore {
  const byTemplate = new Map<number, TemplateScore>();
  for (const { split, template, tally } of t.tallies.values()) {
    const s = byTemplate.get(template) ?? {
      template,
      test: null,
      validation: null,
      examples: { test: 0, validation: 0 },
    };
    s[split] = tally.result();
    s.examples[split] = tally.n;
    byTemplate.set(template, s);
  }
  const templates = [...byTemplate.values()].sort((a, b) => a.template - b.template);
  const { headline, metrics, higherIsBetter, family } = t.metrics;
  const mean: Metrics = {};
  for (const m of metrics) mean[m] = meanOf(templates.map((x) => x.test?.[m]));
  let bestDev: TaskScore['bestDev'] = null;
  for (const x of templates) {
    const v = x.validation?.[headline];
    if (typeof v !== 'number' || x.test === null) continue;
    if (bestDev === null || (higherIsBetter ? v > bestDev.validation : v < bestDev.validation))
      bestDev = { template: x.template, validation: v, test: x.test };
  }
  return {
    dataset: t.dataset,
    task: t.task,
    key: t.key,
    cluster: t.cluster,
    family,
    metric: headline,
    metrics,
    higherIsBetter,
    coverage: { records: t.records, scored: t.scored },
    templates,
    mean,
    bestDev,
  };
}

/** Per task, per dataset (mean of its tasks) and per cluster (mean of its datasets), in registry order. */
export function aggregate(
  tallies: readonly TaskTallies[],
  head: Pick<ScoreReport, 'flanmix' | 'coverage'>,
): ScoreReport {
  const tasks = [...tallies]
    .sort(
      (a, b) =>
        CLUSTER_IDS.indexOf(a.cluster as never) - CLUSTER_IDS.indexOf(b.cluster as never) ||
        a.order - b.order,
    )
    .map(scoreTask);
  const datasets: DatasetScore[] = [];
  for (const t of tasks) {
    let d = datasets.find((x) => x.dataset === t.dataset);
    if (!d) {
      d = {
        dataset: t.dataset,
        cluster: t.cluster,
        metric: t.metric,
        higherIsBetter: t.higherIsBetter,
        tasks: [],
        mean: null,
        bestDev: null,
      };
      datasets.push(d);
    }
    d.tasks.push(t.key);
  }
  for (const d of datasets) {
    const own = tasks.filter((t) => t.dataset === d.dataset);
    d.mean = meanOf(own.map((t) => t.mean[t.metric]));
    d.bestDev = own.every((t) => t.bestDev !== null)
      ? meanOf(own.map((t) => t.bestDev!.test[t.metric]))
      : null;
  }
  const clusters: ClusterScore[] = [];
  for (const d of datasets) {
    let c = clusters.find((x) => x.cluster === d.cluster);
    if (!c) {
      c = { cluster: d.cluster, datasets: [], notAveraged: [], mean: null, bestDev: null };
      clusters.push(c);
    }
    (d.higherIsBetter ? c.datasets : c.notAveraged).push(d.dataset);
  }
  for (const c of clusters) {
    const own = datasets.filter((d) => c.datasets.includes(d.dataset));
    c.mean = meanOf(own.map((d) => d.mean));
    c.bestDev = meanOf(own.map((d) => d.bestDev));
  }
  return { ...head, notes: NOTES, clusters, datasets, tasks };
}

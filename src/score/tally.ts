import { addBleuSentence, bleuScore, emptyBleuStats } from './bleu.js';
import { binaryF1, matthews, mean, pearson, spearman } from './classification.js';
import { wordEditDistance } from './edit-distance.js';
import { qaScores } from './qa.js';
import { rougeMax } from './rouge.js';
import type { MetricFamily } from './task-metrics.js';

/** What one prediction came to, for one evaluation record. */
export interface Outcome {
  /** Options tasks: index of the chosen option (-1: text that is none of them); null for generation tasks. */
  chosen: number | null;
  /** Options tasks: index of the gold option. */
  gold: number | null;
  /** Options tasks: whether the chosen option is a gold answer (any of them, for ReCoRD). */
  correct: boolean;
  /** The generated text (generation tasks), or the chosen option's text. */
  text: string;
  references: readonly string[];
  options: readonly string[] | null;
  targets: string;
  group: number | undefined;
}

export type Metrics = Record<string, number | null>;

/**
 * Running totals for one task, split and template: only what its metric needs (n-gram statistics for BLEU,
 * sums for ROUGE and QA, labels for correlations and F1), so scoring streams through the records.
 */
export class Tally {
  n = 0;
  private correct = 0;
  private readonly sums = new Map<string, number>();
  private readonly gold: number[] = [];
  private readonly predicted: number[] = [];
  private readonly groups = new Map<number, boolean>();
  private readonly bleu = emptyBleuStats();

  constructor(readonly family: MetricFamily) {}

  private addSum(key: string, v: number): void {
    this.sums.set(key, (this.sums.get(key) ?? 0) + v);
  }

  add(o: Outcome): void {
    this.n++;
    if (o.correct) this.correct++;
    switch (this.family) {
      case 'binary_f1':
      case 'matthews':
        this.gold.push(o.gold ?? -1);
        this.predicted.push(o.chosen ?? -1);
        break;
      case 'correlation':
        this.gold.push(Number(o.targets));
        this.predicted.push(numberOf(o));
        break;
      case 'multirc': {
        this.gold.push(o.gold ?? -1);
        this.predicted.push(o.chosen ?? -1);
        const g = o.group ?? -1 - this.n; // an ungrouped record is its own group
        this.groups.set(g, (this.groups.get(g) ?? true) && o.correct);
        break;
      }
      case 'squad':
      case 'trivia_qa': {
        const s = qaScores(this.family, o.references, o.text);
        this.addSum('em', s.em);
        this.addSum('f1', s.f1);
        break;
      }
      case 'rouge': {
        const s = rougeMax(o.references, o.text);
        this.addSum('rouge1', s.rouge1);
        this.addSum('rouge2', s.rouge2);
        this.addSum('rougeLsum', s.rougeLsum);
        break;
      }
      case 'bleu':
        addBleuSentence(this.bleu, o.text, o.references);
        break;
      case 'edit_distance':
        this.addSum('edit', wordEditDistance(o.targets, o.text));
        break;
      case 'accuracy':
      case 'exact_match':
        break;
    }
  }

  /** The metrics on FLAN's 0–100 scale (edit distance in words); null when undefined or nothing was scored. */
  result(): Metrics {
    if (this.n === 0) return {};
    const pct = (v: number | null) => (v === null ? null : 100 * v);
    const avg = (k: string) => pct((this.sums.get(k) ?? 0) / this.n);
    const accuracy = pct(this.correct / this.n);
    switch (this.family) {
      case 'accuracy':
      case 'exact_match':
        return { accuracy };
      case 'binary_f1':
        return { f1: pct(binaryF1(this.gold, this.predicted)), accuracy };
      case 'matthews':
        return { matthews: pct(matthews(this.gold, this.predicted)), accuracy };
      case 'correlation':
        return {
          pearson: pct(pearson(this.gold, this.predicted)),
          spearman: pct(spearman(this.gold, this.predicted)),
          accuracy,
        };
      case 'multirc':
        return {
          f1a: pct(binaryF1(this.gold, this.predicted)),
          em: pct(mean([...this.groups.values()].map(Number))),
          accuracy,
        };
      case 'squad':
      case 'trivia_qa':
        return { em: avg('em'), f1: avg('f1') };
      case 'rouge':
        return { rougeLsum: avg('rougeLsum'), rouge1: avg('rouge1'), rouge2: avg('rouge2') };
      case 'bleu':
        return { bleu: bleuScore(this.bleu) };
      case 'edit_distance':
        return { mean_edit: (this.sums.get('edit') ?? 0) / this.n };
    }
  }
}

/** STS-B's predicted score: the chosen option's number, or the text read as a number; -1 when it is neither. */
function numberOf(o: Outcome): number {
  const text = o.chosen !== null && o.chosen >= 0 && o.options ? o.options[o.chosen]! : o.text;
  const v = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(v) ? v : -1;
}

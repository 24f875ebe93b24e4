import { taskKey } from '../registry/load.js';
import type { Registry } from '../registry/schema.js';
import { VERSION } from '../version.js';
import { aggregate, type ScoreReport, type TaskTallies } from './aggregate.js';
import { type Prediction, PredictionError, type ScoredRecord } from './inputs.js';
import { type Outcome, Tally } from './tally.js';
import { taskMetrics } from './task-metrics.js';

/** The id of a record, derived as `flanmix build` writes it when the record has none (older builds). */
export function recordId(r: Omit<ScoredRecord, 'id'> & { id?: string | undefined }): string {
  return r.id ?? `${r.dataset}/${r.task}/${r.split}/${r.example}/${r.template}`;
}

/**
 * Scores evaluation records against predictions, one record at a time: give it every record of the
 * evaluation files (`add`), then `finish()` for the report. Rank classification for options tasks (the
 * highest-scoring option is the answer; ties go to the first), the dataset's metric for generation tasks.
 */
export class EvalScorer {
  private readonly tasks = new Map<string, TaskTallies>();
  private records = 0;
  private scored = 0;
  private inverted = 0;
  private missing = 0;
  private firstMissing: string | undefined;

  constructor(
    private readonly registry: Registry,
    private readonly options: { allowMissing?: boolean; file?: string } = {},
  ) {}

  /** Adds one record with its prediction (undefined when the predictions file has none for it). */
  add(record: ScoredRecord, prediction: Prediction | undefined): void {
    this.records++;
    const t = this.taskFor(record);
    if (record.inverted) {
      // Inverted templates ask for a different task (e.g. write the premise): FLAN does not score them.
      this.inverted++;
      return;
    }
    t.records++;
    if (prediction === undefined) {
      this.missing++;
      this.firstMissing ??= record.id;
      return;
    }
    const key = `${record.split}:${record.template}`;
    let tally = t.tallies.get(key);
    if (!tally) {
      tally = { split: record.split, template: record.template, tally: new Tally(t.metrics.family) };
      t.tallies.set(key, tally);
    }
    tally.tally.add(this.outcome(record, prediction));
    t.scored++;
    this.scored++;
  }

  private taskFor(record: ScoredRecord): TaskTallies {
    const k = `${record.dataset}/${record.task}`;
    let t = this.tasks.get(k);
    if (!t) {
      const dataset = this.registry.datasets.find((d) => d.id === record.dataset);
      const task = dataset?.tasks.find((x) => x.id === record.task);
      if (!dataset || !task)
        throw new PredictionError(`evaluation record ${record.id}: no task "${k}" in the registry`);
      t = {
        dataset: dataset.id,
        task: task.id,
        key: taskKey(dataset, task),
        cluster: dataset.cluster,
        order: this.registry.datasets.indexOf(dataset) * 100 + dataset.tasks.indexOf(task),
        metrics: taskMetrics(dataset),
        records: 0,
        scored: 0,
        tallies: new Map(),
      };
      this.tasks.set(k, t);
    }
    return t;
  }

  private outcome(record: ScoredRecord, p: Prediction): Outcome {
    const at = `${this.options.file ?? 'predictions'}:${p.line} (id ${record.id})`;
    const base = {
      references: record.answers,
      options: record.options,
      targets: record.targets,
      group: record.group,
    };
    if (record.options === null) {
      if (p.option_scores)
        throw new PredictionError(
          `${at}: option_scores given, but this is a generation task: give "prediction" text`,
        );
      const text = p.prediction!;
      return { ...base, chosen: null, gold: null, correct: record.answers.includes(text.trim()), text };
    }
    let chosen: number;
    if (p.option_scores) {
      if (p.option_scores.length !== record.options.length)
        throw new PredictionError(
          `${at}: ${p.option_scores.length} option_scores for ${record.options.length} options (one per option, in the record's order)`,
        );
      chosen = 0;
      p.option_scores.forEach((s, i) => {
        if (s > p.option_scores![chosen]!) chosen = i;
      });
    } else chosen = record.options.indexOf(p.prediction!.trim());
    const text = chosen >= 0 ? record.options[chosen]! : p.prediction!;
    return {
      ...base,
      chosen,
      gold: record.options.indexOf(record.targets),
      correct: chosen >= 0 && record.answers.includes(text),
      text,
    };
  }

  /** Throws when predictions are missing (unless allowed); else the report. */
  finish(): ScoreReport {
    if (this.missing > 0 && !this.options.allowMissing)
      throw new PredictionError(
        `no prediction for ${this.missing} of ${this.records - this.inverted} evaluation records (first: ${this.firstMissing}); pass --allow-missing to score the rest`,
      );
    return aggregate([...this.tasks.values()], {
      flanmix: VERSION,
      coverage: {
        records: this.records - this.inverted,
        scored: this.scored,
        missing: this.missing,
        invertedSkipped: this.inverted,
      },
    });
  }
}

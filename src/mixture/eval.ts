import type { TaskRef } from '../registry/load.js';
import type { OptionsStyle } from '../templates/options.js';
import { renderTemplate } from '../templates/render.js';
import type { TemplateSet } from '../templates/set.js';
import { directionOf } from './direction.js';
import type { Pool } from './pool.js';

/** One evaluation record: a held-out example phrased with one template, ready for scoring per template. */
export interface EvalRecord {
  /** Stable id `dataset/task/split/example/template`: what a prediction line names (see evalRecordId). */
  id: string;
  dataset: string;
  task: string;
  /** Which split of the held-out task: the validation slice (for picking a template) or the test split. */
  split: 'validation' | 'test';
  /** Position of the example in its split, so scores can be grouped per example across templates. */
  example: number;
  template: number;
  inverted: boolean;
  inputs: string;
  targets: string;
  /** Options for rank classification (score each option as the target); null for generation tasks. */
  options: readonly string[] | null;
  /** Every acceptable reference (several for e.g. TriviaQA); the target alone otherwise. */
  answers: readonly string[];
  /**
   * Only on tasks scored per group of examples (MultiRC: one question's candidate answers): the `example` of
   * the group's first member, so records with the same `group` are scored together.
   */
  group?: number;
  /** Translation only: the language codes the template translates from and into (`en`, `de`…); else null. */
  source_lang: string | null;
  target_lang: string | null;
}

/**
 * The id of an evaluation record: the same on every machine and every build of the same split, so predictions
 * made for one build score against another with the same examples.
 */
export function evalRecordId(
  r: Pick<EvalRecord, 'dataset' | 'task' | 'split' | 'example' | 'template'>,
): string {
  return `${r.dataset}/${r.task}/${r.split}/${r.example}/${r.template}`;
}

/**
 * A held-out task's evaluation records: every non-inverted template (or every template) applied to every
 * example, grouped by example so that a reader sees one example's templates together.
 */
export function* evalRecords(
  ref: TaskRef,
  templates: TemplateSet,
  pool: Pool,
  split: EvalRecord['split'],
  options: {
    allTemplates?: boolean;
    optionsStyle?: OptionsStyle;
    /** Applied to every input (e.g. the LaMDA wrapper the training inputs had). */
    wrap?: ((inputs: string) => string) | undefined;
  } = {},
): Generator<EvalRecord> {
  const chosen = templates.templates.filter((t) => options.allTemplates || !t.inverted);
  // Bounded by the split's size; only grouped tasks (MultiRC) fill it.
  const groups = new Map<string, number>();
  for (let i = 0; i < pool.size; i++) {
    const example = pool.get(i);
    let group: number | undefined;
    if (example.group !== undefined) {
      group = groups.get(example.group) ?? i;
      groups.set(example.group, group);
    }
    for (const t of chosen) {
      const r = renderTemplate(templates, t.index, example, options.optionsStyle);
      yield {
        id: evalRecordId({
          dataset: ref.dataset.id,
          task: ref.task.id,
          split,
          example: i,
          template: t.index,
        }),
        dataset: ref.dataset.id,
        task: ref.task.id,
        split,
        example: i,
        template: t.index,
        inverted: t.inverted,
        inputs: options.wrap ? options.wrap(r.inputs) : r.inputs,
        targets: r.targets,
        options: t.inverted ? null : (example.options ?? null),
        answers: !t.inverted && example.answers?.length ? example.answers : [r.targets],
        ...directionOf(t, example),
        ...(group === undefined ? {} : { group }),
      };
    }
  }
}

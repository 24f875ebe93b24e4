import { adaptRow } from '../adapters/define.js';
import type { Row } from '../adapters/types.js';
import { UnknownNameError } from '../registry/errors.js';
import type { TaskRef } from '../registry/load.js';
import { templatesFor } from '../templates/load.js';
import type { OptionsStyle } from '../templates/options.js';
import { renderTemplate } from '../templates/render.js';
import { adapterOf, type Catalog } from './catalog.js';

/** One row rendered with one template, as `flanmix render --json` prints it. */
export interface RenderedExample {
  dataset: string;
  task: string;
  /** The row's position in what was read (rows the adapter skips keep their number). */
  row: number;
  template: number;
  inverted: boolean;
  inputs: string;
  targets: string;
  options: readonly string[] | null;
}

export interface RenderRowsOptions {
  /** Only this template (0-based); default: every template. */
  template?: number;
  /** Examples to render (each with every chosen template); default 3. */
  limit?: number;
  optionsStyle?: OptionsStyle;
}

/** Adapts rows with the catalog's adapter and renders the first `limit` examples with the dataset's templates. */
export function renderRows(
  catalog: Catalog,
  ref: TaskRef,
  rows: Iterable<Row>,
  options: RenderRowsOptions = {},
): RenderedExample[] {
  const set = templatesFor(catalog.templates, ref.dataset.id, ref.task.id);
  const adapter = adapterOf(catalog, ref.dataset.id);
  const limit = options.limit ?? 3;
  if (options.template !== undefined && !(options.template >= 0 && options.template < set.templates.length))
    throw new UnknownNameError(
      `template ${options.template}: ${ref.dataset.id} has templates 0 to ${set.templates.length - 1}`,
    );
  const indices = options.template === undefined ? set.templates.map((t) => t.index) : [options.template];
  const out: RenderedExample[] = [];
  let shown = 0;
  let i = 0;
  for (const row of rows) {
    if (shown >= limit) break;
    const result = adaptRow(adapter, row, { dataset: ref.dataset, task: ref.task }, i);
    if (!('skip' in result)) {
      for (const example of result) {
        if (shown >= limit) break;
        shown++;
        for (const index of indices) {
          const r = renderTemplate(set, index, example, options.optionsStyle);
          out.push({
            dataset: ref.dataset.id,
            task: ref.task.id,
            row: i,
            template: index,
            inverted: set.templates[index]!.inverted,
            inputs: r.inputs,
            targets: r.targets,
            options: example.options ?? null,
          });
        }
      }
    }
    i++;
  }
  return out;
}

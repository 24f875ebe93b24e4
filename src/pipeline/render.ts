import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { Row } from '../adapters/types.js';
import type { Catalog, CatalogExtension } from '../catalog/catalog.js';
import { type RenderedExample, renderRows } from '../catalog/render.js';
import { FlanmixError, OptionError, parseOptions } from '../registry/errors.js';
import { getTask } from '../registry/load.js';
import { LocalSource } from '../sources/local.js';
import { hasSamples, readSampleRows } from '../sources/samples.js';
import { OptionsStyleSchema } from '../templates/options.js';
import { resolveCatalog } from './catalog.js';

export const RenderOptionsSchema = z.strictObject({
  dataset: z.string().min(1),
  /** Task of a multi-task dataset; default its first. */
  task: z.string().min(1).optional(),
  /** Only this template (0-based); default every template. */
  template: z.number().int().nonnegative().optional(),
  /** Examples to render; default 3. */
  limit: z.number().int().min(1).default(3),
  optionsStyle: OptionsStyleSchema.default('flan'),
  /** Rows to render; default: the task's local files in `dataDir`, else its shipped sample rows. */
  rows: z.array(z.record(z.string(), z.unknown())).optional(),
  /** A folder in the local layout (docs/sources.md): rows come from its train split (or test). */
  dataDir: z.string().min(1).optional(),
  registry: z.array(z.string().min(1)).default([]),
  templatesDir: z.array(z.string().min(1)).default([]),
  catalog: z
    .custom<CatalogExtension | Catalog>((v) => typeof v === 'object' && v !== null, 'must be an object')
    .optional(),
});
export type RenderOptions = z.input<typeof RenderOptionsSchema>;

/** Rows read from local files at most, for a render (the adapter may skip some). */
const MAX_ROWS = 1000;

/**
 * Renders a dataset's rows with its templates, as `flanmix render` does: the rows given, or the first rows
 * of the task's local files (`dataDir`), or its shipped samples. One entry per example and template.
 */
export async function render(input: RenderOptions): Promise<RenderedExample[]> {
  const o = parseOptions(RenderOptionsSchema, input, 'render option');
  const catalog = resolveCatalog({ registry: o.registry, templatesDir: o.templatesDir }, o.catalog);
  const ref = getTask(catalog.registry, o.dataset, o.task);
  const rows = o.rows ?? (await localRows(o.dataDir, ref)) ?? sampleRows(ref);
  return renderRows(catalog, ref, rows as Row[], o);
}

async function localRows(
  dir: string | undefined,
  ref: ReturnType<typeof getTask>,
): Promise<Row[] | undefined> {
  if (!dir) return undefined;
  // A folder that is not there is a mistake; rendering the samples instead would hide it.
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new OptionError(`dataDir ${dir} is not a folder (--data-dir: the folder of your files)`);
  const local = new LocalSource(dir);
  try {
    return (await local.firstRows(ref, 'train', MAX_ROWS)) ?? (await local.firstRows(ref, 'test', MAX_ROWS));
  } finally {
    await local.close();
  }
}

function sampleRows(ref: ReturnType<typeof getTask>): Row[] {
  if (!hasSamples(ref.dataset.id, ref.task.id))
    throw new FlanmixError(
      `${ref.key}: no rows to render: it has no shipped samples; give its files with dataDir (--data-dir)`,
    );
  return readSampleRows(ref.dataset.id, ref.task.id);
}

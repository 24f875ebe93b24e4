import type { Dataset, Registry } from '../registry/schema.js';
import { TEMPLATE_FILES } from './catalog/index.js';
import { TemplateError } from './compile.js';
import { checkTemplateSet, parseTemplateSet, type TemplateSet } from './set.js';

/** Template sets by dataset id, or by `dataset/task` for a set that serves one task of its dataset. */
export type TemplateCatalog = ReadonlyMap<string, TemplateSet>;

/**
 * Parses template files (path → YAML text), checks each against the datasets it serves, and indexes
 * them by dataset (or `dataset/task`). A dataset or task named twice, or one the registry does not know, is
 * an error.
 */
export function buildCatalog(registry: Registry, files: Readonly<Record<string, string>>): TemplateCatalog {
  const byId = new Map<string, Dataset>(registry.datasets.map((d) => [d.id, d]));
  const catalog = new Map<string, TemplateSet>();
  for (const [file, text] of Object.entries(files)) {
    const set = parseTemplateSet(text, file);
    const served = set.datasets.map((key) => {
      const [id, task] = key.split('/', 2) as [string, string | undefined];
      const d = byId.get(id);
      if (!d) throw new TemplateError(`${file}: unknown dataset "${id}"`);
      if (task !== undefined && !d.tasks.some((t) => t.id === task))
        throw new TemplateError(`${file}: dataset "${id}" has no task "${task}"`);
      // A dataset has one set for all its tasks or one per task, never both.
      const twin =
        catalog.get(key) ??
        (task === undefined ? [...catalog].find(([k]) => k.startsWith(`${id}/`))?.[1] : catalog.get(id));
      if (twin) throw new TemplateError(`${file}: dataset "${key}" already has templates in ${twin.file}`);
      return d;
    });
    checkTemplateSet(set, served);
    for (const key of set.datasets) catalog.set(key, set);
  }
  return catalog;
}

const cache = new WeakMap<Registry, TemplateCatalog>();

/** The shipped templates for a registry, compiled once and cached. */
export function loadTemplates(registry: Registry): TemplateCatalog {
  let catalog = cache.get(registry);
  if (!catalog) {
    catalog = buildCatalog(registry, TEMPLATE_FILES);
    cache.set(registry, catalog);
  }
  return catalog;
}

/** The set a task uses: its own (`dataset/task`) when it has one, else its dataset's. */
export function templatesFor(catalog: TemplateCatalog, datasetId: string, taskId?: string): TemplateSet {
  const set =
    (taskId === undefined ? undefined : catalog.get(`${datasetId}/${taskId}`)) ?? catalog.get(datasetId);
  if (!set) {
    const what = taskId === undefined ? `dataset "${datasetId}"` : `task "${datasetId}/${taskId}"`;
    throw new TemplateError(`${what} has no templates`);
  }
  return set;
}

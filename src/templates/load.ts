import type { Dataset, Registry } from '../registry/schema.js';
import { TEMPLATE_FILES } from './catalog/index.js';
import { TemplateError } from './compile.js';
import { checkTemplateSet, parseTemplateSet, type TemplateSet } from './set.js';

/** Template sets by dataset id. */
export type TemplateCatalog = ReadonlyMap<string, TemplateSet>;

/**
 * Parses template files (path → YAML text), checks each against the datasets it serves, and indexes
 * them by dataset. A dataset named twice, or one the registry does not know, is an error.
 */
export function buildCatalog(registry: Registry, files: Readonly<Record<string, string>>): TemplateCatalog {
  const byId = new Map<string, Dataset>(registry.datasets.map((d) => [d.id, d]));
  const catalog = new Map<string, TemplateSet>();
  for (const [file, text] of Object.entries(files)) {
    const set = parseTemplateSet(text, file);
    const served = set.datasets.map((id) => {
      const d = byId.get(id);
      if (!d) throw new TemplateError(`${file}: unknown dataset "${id}"`);
      const twin = catalog.get(id);
      if (twin) throw new TemplateError(`${file}: dataset "${id}" already has templates in ${twin.file}`);
      return d;
    });
    checkTemplateSet(set, served);
    for (const id of set.datasets) catalog.set(id, set);
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

export function templatesFor(catalog: TemplateCatalog, datasetId: string): TemplateSet {
  const set = catalog.get(datasetId);
  if (!set) throw new TemplateError(`dataset "${datasetId}" has no templates`);
  return set;
}

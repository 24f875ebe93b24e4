import { declarativeAdapter } from '../adapters/declarative.js';
import { ADAPTERS } from '../adapters/index.js';
import type { Adapter } from '../adapters/types.js';
import { RegistryError } from '../registry/errors.js';
import { extendRegistry, loadRegistry } from '../registry/load.js';
import type { Registry } from '../registry/schema.js';
import { TEMPLATE_FILES } from '../templates/catalog/index.js';
import { TemplateError } from '../templates/compile.js';
import { buildCatalog, loadTemplates, type TemplateCatalog } from '../templates/load.js';
import type { TemplateSet } from '../templates/set.js';

/**
 * Everything flanmix knows about datasets: the registry, each dataset's templates and its adapter. The
 * built-in catalog is bundled; `extendCatalog` merges a user's datasets, templates and adapters over it.
 */
export interface Catalog {
  readonly registry: Registry;
  readonly templates: TemplateCatalog;
  /** Template file texts by name, as read (hashed into the manifest, so a changed template shows). */
  readonly templateFiles: Readonly<Record<string, string>>;
  readonly adapters: Readonly<Record<string, Adapter<unknown>>>;
}

/**
 * A user's additions. `registry`: one object in the shape of a registry file (`{ clusters?, datasets }`), or
 * a list of them, merged in order; `templates`: template files, name → YAML text; `adapters`: code adapters by
 * dataset id (they win over an `adapter` map in the registry entry). Same ids replace built-in entries.
 */
export interface CatalogExtension {
  registry?: unknown;
  templates?: Readonly<Record<string, string>>;
  // biome-ignore lint/suspicious/noExplicitAny: an adapter of any row type (defineAdapter infers it)
  adapters?: Readonly<Record<string, Adapter<any>>>;
  /** Names of the `registry` objects in errors (their files); default `catalog.registry[i]`. */
  registryNames?: readonly string[];
}

let builtin: Catalog | undefined;

/** The catalog flanmix ships: 62 datasets in 12 clusters, their templates and code adapters. */
export function builtinCatalog(): Catalog {
  if (!builtin) {
    const registry = loadRegistry();
    builtin = {
      registry,
      templates: loadTemplates(registry),
      templateFiles: TEMPLATE_FILES,
      adapters: ADAPTERS,
    };
  }
  return builtin;
}

/**
 * Merges a user's additions over a catalog (by default the built-in one). Every dataset the additions name
 * must end up with templates and an adapter; errors name the file or entry at fault.
 */
export function extendCatalog(extension: CatalogExtension, base: Catalog = builtinCatalog()): Catalog {
  const entries =
    extension.registry === undefined
      ? []
      : Array.isArray(extension.registry)
        ? extension.registry
        : [extension.registry];
  let registry = base.registry;
  const added = new Set<string>();
  entries.forEach((data, i) => {
    registry = extendRegistry(registry, data, extension.registryNames?.[i] ?? `catalog.registry[${i}]`);
    const datasets = (data as { datasets?: { id?: unknown }[] }).datasets ?? [];
    for (const d of datasets) added.add(String(d.id));
  });

  const known = new Map(registry.datasets.map((d) => [d.id, d]));
  // The user's files are checked among themselves (unknown datasets, a dataset named twice), then replace
  // the built-in sets of what they serve: a whole dataset's, or one task's (`dataset/task`).
  const userSets = buildCatalog(registry, extension.templates ?? {});
  const templates = new Map<string, TemplateSet>(base.templates);
  for (const key of userSets.keys()) {
    if (key.includes('/')) continue;
    for (const k of [...templates.keys()]) if (k === key || k.startsWith(`${key}/`)) templates.delete(k);
  }
  for (const [key, set] of userSets) {
    templates.set(key, set);
    added.add(key.split('/')[0]!);
  }

  const adapters: Record<string, Adapter<unknown>> = { ...base.adapters };
  for (const d of registry.datasets) if (d.adapter && added.has(d.id)) adapters[d.id] = declarativeAdapter(d);
  for (const [id, adapter] of Object.entries(extension.adapters ?? {})) {
    if (!known.has(id)) throw new RegistryError(`catalog.adapters: unknown dataset "${id}"`);
    adapters[id] = adapter;
    added.add(id);
  }

  for (const id of added) {
    if (!known.has(id)) continue;
    if (!templates.has(id))
      throw new TemplateError(
        `dataset "${id}" has no templates (add a template file that lists it under datasets)`,
      );
    if (!adapters[id])
      throw new RegistryError(
        `dataset "${id}" has no adapter (give its registry entry an "adapter" map, or pass a code adapter)`,
      );
  }
  return {
    registry,
    templates,
    templateFiles: { ...base.templateFiles, ...extension.templates },
    adapters,
  };
}

/** The adapter of a dataset in a catalog. */
export function adapterOf(catalog: Catalog, datasetId: string): Adapter<unknown> {
  const adapter = catalog.adapters[datasetId];
  if (!adapter) throw new RegistryError(`dataset "${datasetId}" has no adapter`);
  return adapter;
}

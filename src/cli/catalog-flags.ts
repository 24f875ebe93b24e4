import type { Catalog } from '../catalog/catalog.js';
import { resolveCatalog } from '../pipeline/catalog.js';
import type { Flag } from './command.js';
import { splitList } from './parse.js';

/** `--registry` and `--templates-dir`: a user's own datasets and templates, merged over the built-in ones. */
export const CATALOG_FLAGS: Record<string, Flag> = {
  registry: {
    type: 'string',
    arg: 'FILE',
    description: 'registry file (JSON or YAML) of your own datasets (repeatable)',
    multiple: true,
  },
  'templates-dir': {
    type: 'string',
    arg: 'DIR',
    description: 'folder of template files for them (repeatable)',
    multiple: true,
  },
};

/** The files the catalog flags name, as build options (`registry`, `templatesDir`). */
export function catalogFiles(values: Record<string, unknown>): {
  registry?: string[];
  templatesDir?: string[];
} {
  return {
    ...(values.registry !== undefined ? { registry: splitList(values.registry) } : {}),
    ...(values['templates-dir'] !== undefined ? { templatesDir: splitList(values['templates-dir']) } : {}),
  };
}

/** The catalog for commands that only read it (list, splits, render, fetch). */
export function catalogFromFlags(values: Record<string, unknown>, cwd: string): Catalog {
  return resolveCatalog(catalogFiles(values), undefined, cwd);
}

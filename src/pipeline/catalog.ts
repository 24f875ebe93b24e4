import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { builtinCatalog, type Catalog, type CatalogExtension, extendCatalog } from '../catalog/catalog.js';
import { FlanmixError, OptionError } from '../registry/errors.js';

/** A user's catalog files: registry files (JSON or YAML) and folders of template files (`*.yaml`, `*.yml`). */
export interface CatalogFiles {
  registry?: readonly string[];
  templatesDir?: readonly string[];
}

/**
 * Reads a user's registry files and template folders into a CatalogExtension. Template files are named
 * `<folder name>/<path inside it>` (in errors and in the manifest's hash), so the name does not depend on
 * where the folder sits on this machine.
 */
export function readCatalogFiles(files: CatalogFiles, cwd = process.cwd()): CatalogExtension {
  const registry = (files.registry ?? []).map((file) => readStructured(resolve(cwd, file), file, 'registry'));
  const templates: Record<string, string> = {};
  for (const dir of files.templatesDir ?? []) {
    const root = resolve(cwd, dir);
    if (!isDir(root)) throw new OptionError(`templates folder ${dir}: not a folder`);
    const found = walk(root).filter((f) => /\.ya?ml$/.test(f));
    if (found.length === 0) throw new FlanmixError(`templates folder ${dir}: no .yaml files in it`);
    for (const path of found) {
      const name = `${basename(root)}/${relative(root, path).split(sep).join('/')}`;
      if (templates[name] !== undefined) throw new FlanmixError(`template file ${name} is given twice`);
      templates[name] = readText(path, join(dir, relative(root, path)), 'template file');
    }
  }
  return { registry, templates, registryNames: files.registry ?? [] };
}

/**
 * The catalog a build uses: the built-in one, with the files of `files` and then `extension` (a library
 * caller's datasets, templates and code adapters) merged over it.
 */
export function resolveCatalog(
  files: CatalogFiles,
  extension?: CatalogExtension | Catalog,
  cwd?: string,
): Catalog {
  const fromFiles = (files.registry?.length ?? 0) + (files.templatesDir?.length ?? 0) > 0;
  let catalog = isCatalog(extension) ? extension : builtinCatalog();
  if (fromFiles) catalog = extendCatalog(readCatalogFiles(files, cwd), catalog);
  if (extension && !isCatalog(extension)) catalog = extendCatalog(extension, catalog);
  return catalog;
}

function isCatalog(x: CatalogExtension | Catalog | undefined): x is Catalog {
  return x !== undefined && 'templateFiles' in x && 'registry' in x && 'adapters' in x && 'templates' in x;
}

function readStructured(path: string, shown: string, what: string): unknown {
  const text = readText(path, shown, `${what} file`);
  try {
    return /\.ya?ml$/.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    const kind = /\.ya?ml$/.test(path) ? 'YAML' : 'JSON';
    throw new FlanmixError(
      `${what} file ${shown}: not valid ${kind}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

function readText(path: string, shown: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A file the call names that is not there is a mistake in the call; one that cannot be read is not.
    const Err = code === 'ENOENT' ? OptionError : FlanmixError;
    throw new Err(`${what} ${shown}: cannot read it (${code ?? 'error'})`);
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Files under a folder, recursively, in a stable order. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

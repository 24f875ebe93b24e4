import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { FlanmixError, OptionError } from '../registry/errors.js';
import { hashFiles, sha256 } from '../write/hashes.js';
import { type BuildOptionsInput, BuildOptionsSchema } from './options.js';

const OriginSchema = z.object({
  kind: z.string(),
  repo: z.string().optional(),
  revision: z.string().optional(),
  commit: z.string().optional(),
});

/** The parts of a manifest a rebuild reads. */
const RebuildManifestSchema = z.object({
  flanmix: z.string(),
  options: z.record(z.string(), z.unknown()),
  hashes: z.object({ registry: z.string(), templates: z.string() }),
  members: z.array(z.object({ origin: OriginSchema })),
  eval: z.array(z.object({ origin: OriginSchema.optional() })).default([]),
});

/** A manifest read for a rebuild: its options (Hub revisions pinned to the commits it read) and hashes. */
export interface RebuildManifest {
  /** The flanmix version that wrote it. */
  version: string;
  /** Build options as recorded, with `hubCommits` from the sources; without `out` and the other locations. */
  options: BuildOptionsInput;
  hashes: { registry: string; templates: string };
}

/**
 * Reads a build's manifest.json for `flanmix build --from-manifest`: the options it records (every option
 * that changes the output; paths and endpoints are not recorded and come from the caller), and the commit
 * each Hub revision resolved to, so the rebuild reads the same data even after a repo moved on.
 */
export function readRebuildManifest(path: string): RebuildManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A manifest that is not there is a mistake in the call (exit 2); one that cannot be read is not.
    const Err = code === 'ENOENT' ? OptionError : FlanmixError;
    throw new Err(`--from-manifest ${path}: cannot read it (${code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FlanmixError(
      `--from-manifest ${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const r = RebuildManifestSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new FlanmixError(
      `--from-manifest ${path}: not a flanmix build manifest (${issue.path.join('.') || 'top level'}: ${issue.message})`,
    );
  }
  const m = r.data;
  const { offline: _offline, ...recorded } = m.options;
  const options = BuildOptionsSchema.safeParse(recorded);
  if (!options.success) {
    const issue = options.error.issues[0]!;
    throw new FlanmixError(
      `--from-manifest ${path}: options.${issue.path.join('.')}: ${issue.message} (a manifest of another flanmix version?)`,
    );
  }
  const commits: Record<string, string> = {};
  for (const { origin } of [...m.members, ...m.eval]) {
    if (origin?.kind === 'hub' && origin.repo && origin.revision && origin.commit)
      commits[`${origin.repo}@${origin.revision}`] = origin.commit;
  }
  return {
    version: m.flanmix,
    options: {
      ...(recorded as BuildOptionsInput),
      ...(Object.keys(commits).length ? { hubCommits: commits } : {}),
    },
    hashes: m.hashes,
  };
}

/**
 * The registry and templates a rebuild uses must be the ones the manifest was built with (a user's
 * `--registry` / `--templates-dir` files are not recorded, only their hashes): otherwise the same options
 * would give other records.
 */
export function checkRebuildCatalog(manifest: RebuildManifest, catalog: Catalog, path: string): void {
  const registry = sha256(JSON.stringify(catalog.registry));
  if (registry !== manifest.hashes.registry)
    throw new FlanmixError(
      `--from-manifest ${path}: the build used another registry (sha256 ${short(manifest.hashes.registry)}, here ${short(registry)}): ` +
        `give the same --registry files, or use flanmix ${manifest.version} if the build was made with it`,
    );
  const templates = hashFiles(catalog.templateFiles);
  if (templates !== manifest.hashes.templates)
    throw new FlanmixError(
      `--from-manifest ${path}: the build used other templates (sha256 ${short(manifest.hashes.templates)}, here ${short(templates)}): ` +
        `give the same --templates-dir folders, or use flanmix ${manifest.version} if the build was made with it`,
    );
}

function short(hash: string): string {
  return hash.slice(0, 12);
}

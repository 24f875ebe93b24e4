import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FlanmixError } from '../../registry/errors.js';
import { MANIFEST } from '../manifest.js';
import { LOCK_FILE } from './lock.js';
import { isSafeRelativePath, occupied } from './paths.js';

/** Names flanmix keeps in an output folder while it works; they never make a folder "not ours". */
export const STAGING_DIR = '.flanmix-staging';
export const SWAP_JOURNAL = '.flanmix-swap.json';
const OWN_NAMES = new Set([LOCK_FILE, STAGING_DIR, SWAP_JOURNAL]);

const fileRef = z.object({ file: z.string() });

/**
 * The part of a manifest that says which files a build wrote. `files` lists them all (since 0.2); older
 * manifests list shards, evaluation files and the packed info/stats files separately.
 */
const OwnManifestSchema = z.object({
  flanmix: z.string().regex(/^\d+\.\d+\.\d+/),
  seed: z.number(),
  options: z.record(z.string(), z.unknown()),
  shards: z.array(fileRef),
  eval: z.array(fileRef).optional(),
  files: z.array(z.string()).optional(),
  packed: z.object({ info: z.string().optional(), statsFile: z.string().optional() }).optional(),
});

/** What the folder holds before a build: nothing, a previous flanmix build (and its files), or other files. */
export type FolderState =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'flanmix'; owned: Set<string>; foreign: string[] }
  | { kind: 'foreign'; foreign: string[] };

/**
 * Looks at an output folder before anything is loaded or written. A previous build is recognised only by a
 * manifest.json of our shape whose file names are all safe relative paths; the files it lists (and the
 * manifest) are the only ones a rebuild may remove.
 */
export async function inspectFolder(dir: string): Promise<FolderState> {
  let entries: string[];
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new FlanmixError(`--out ${dir} is a file, not a folder`);
    entries = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    if (e instanceof FlanmixError) throw e;
    throw new FlanmixError(`cannot read output folder ${dir}: ${(e as NodeJS.ErrnoException).code}`);
  }
  const visible = entries.filter((n) => !OWN_NAMES.has(n)).sort();
  if (visible.length === 0) return { kind: 'empty' };
  if (!visible.includes(MANIFEST)) return { kind: 'foreign', foreign: visible };
  const owned = await ownedFiles(dir);
  if (!owned) {
    throw new FlanmixError(
      `${join(dir, MANIFEST)} was not written by flanmix; choose another --out (flanmix never overwrites it)`,
    );
  }
  const top = new Set([...owned].map((f) => f.split('/')[0]!));
  return { kind: 'flanmix', owned, foreign: visible.filter((n) => !top.has(n)) };
}

/** The files a flanmix manifest in `dir` lists (manifest.json included), or undefined if it is not ours. */
export async function ownedFiles(dir: string): Promise<Set<string> | undefined> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  const r = OwnManifestSchema.safeParse(data);
  if (!r.success) return undefined;
  const m = r.data;
  const listed = m.files ?? [
    ...m.shards.map((s) => s.file),
    ...(m.eval ?? []).map((e) => e.file),
    ...(m.packed?.info ? [m.packed.info] : []),
    ...(m.packed?.statsFile ? [m.packed.statsFile] : []),
  ];
  if (!listed.every(isSafeRelativePath)) return undefined;
  return new Set([...listed, MANIFEST]);
}

/** The line a user reads when the folder holds files flanmix did not write and `force` was not given. */
export function foreignFilesError(dir: string, foreign: readonly string[]): FlanmixError {
  const shown = foreign
    .slice(0, 3)
    .map((n) => `"${n}"`)
    .join(', ');
  const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : '';
  return new FlanmixError(
    `output folder ${dir} holds files flanmix did not write (${shown}${more}); choose a new or empty ` +
      `folder, or pass --force to build beside them (they are never removed or overwritten)`,
  );
}

/** Files of a new build that would land on a name the folder already uses for something not ours. */
export async function collisions(dir: string, incoming: readonly string[], owned: ReadonlySet<string>) {
  const hits: string[] = [];
  for (const rel of incoming) {
    if (owned.has(rel)) continue;
    // Every folder on the way must be a folder (or absent); a user's file named `eval` blocks `eval/…`.
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (i < parts.length) {
        const s = await stat(join(dir, prefix)).catch(() => undefined);
        if (s && !s.isDirectory()) {
          hits.push(prefix);
          break;
        }
      } else if (await occupied(join(dir, prefix))) hits.push(rel);
    }
  }
  return hits;
}

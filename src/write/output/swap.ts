import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { FlanmixError } from '../../registry/errors.js';
import { MANIFEST } from '../manifest.js';
import { STAGING_DIR, SWAP_JOURNAL } from './ownership.js';
import { isSafeRelativePath, occupied, resolvesInside } from './paths.js';

/**
 * The swap of a finished build into its folder, written down before the first rename so that a crash half
 * way (kill -9, power loss) is finished by the next build instead of leaving two builds mixed.
 */
const JournalSchema = z.object({
  /** New files, moved from the staging folder in this order; manifest.json is always last. */
  move: z.array(z.string().refine(isSafeRelativePath)),
  /** The previous build's files that the new one does not replace. */
  remove: z.array(z.string().refine(isSafeRelativePath)),
});
type Journal = z.infer<typeof JournalSchema>;

/** Test seam: called after each step of a swap, so a test can stop one half way as a crash would. */
export type SwapStep = (step: 'journal' | 'manifest-removed' | 'moved' | 'removed') => void;

/**
 * Moves a finished build from the staging folder into `dir`: the old manifest goes first, then each new
 * file replaces its namesake by an atomic rename, then the old build's leftovers go, and the new manifest
 * comes last. Readers that wait for manifest.json never see two builds mixed, and the old build stays whole
 * until the new one is complete on disk.
 */
export async function swapIn(
  dir: string,
  incoming: readonly string[],
  previous: ReadonlySet<string>,
  onStep?: SwapStep,
): Promise<void> {
  const next = new Set(incoming);
  const journal: Journal = {
    move: [...incoming.filter((f) => f !== MANIFEST), MANIFEST],
    remove: [...previous].filter((f) => f !== MANIFEST && !next.has(f)).sort(),
  };
  const tmp = join(dir, `${SWAP_JOURNAL}.tmp-${process.pid}`);
  await writeFile(tmp, JSON.stringify(journal));
  await rename(tmp, join(dir, SWAP_JOURNAL));
  onStep?.('journal');
  await replay(dir, journal, onStep);
}

/** Finishes a swap that a crash interrupted (there is a journal), or does nothing. */
export async function finishInterruptedSwap(dir: string): Promise<boolean> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(dir, SWAP_JOURNAL), 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new FlanmixError(`${join(dir, SWAP_JOURNAL)} is damaged; remove it and ${STAGING_DIR} by hand`);
  }
  const r = JournalSchema.safeParse(data);
  if (!r.success)
    throw new FlanmixError(`${join(dir, SWAP_JOURNAL)} is damaged; remove it and ${STAGING_DIR} by hand`);
  await replay(dir, r.data);
  return true;
}

/** Every step is idempotent, so a replay after a crash at any point converges on the new build. */
async function replay(dir: string, journal: Journal, onStep?: SwapStep): Promise<void> {
  const staging = join(dir, STAGING_DIR);
  const stagedManifest = join(staging, MANIFEST);
  // The new manifest moves last: once it has left the staging folder, only the clean-up was left to do.
  if (await occupied(stagedManifest)) {
    await rm(join(dir, MANIFEST), { force: true });
    onStep?.('manifest-removed');
    await moveAndRemove(dir, staging, journal, onStep);
    await rename(stagedManifest, join(dir, MANIFEST));
  }
  await rm(join(dir, SWAP_JOURNAL), { force: true });
  await rm(staging, { recursive: true, force: true });
}

async function moveAndRemove(dir: string, staging: string, journal: Journal, onStep?: SwapStep) {
  for (const rel of journal.move.slice(0, -1)) {
    const from = join(staging, rel);
    if (!(await occupied(from))) {
      if (await occupied(join(dir, rel))) continue; // moved before the crash
      throw new FlanmixError(`cannot finish the interrupted build in ${dir}: ${rel} is missing`);
    }
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    if (!(await resolvesInside(dir, rel)))
      throw new FlanmixError(`refusing to write ${rel}: it leads outside the output folder ${dir}`);
    await rename(from, join(dir, rel));
  }
  onStep?.('moved');
  for (const rel of journal.remove) {
    // Through a symlinked folder a name could reach a user's file elsewhere: leave such names alone.
    if (!(await resolvesInside(dir, rel))) continue;
    await rm(join(dir, rel), { force: true });
    await pruneEmptyParents(dir, rel);
  }
  onStep?.('removed');
}

/** Removes the folders a removed file leaves empty (`eval/rte/`), never one that still holds anything. */
async function pruneEmptyParents(dir: string, rel: string): Promise<void> {
  const parts = rel.split('/').slice(0, -1);
  while (parts.length) {
    const folder = join(dir, ...parts);
    const left = await readdir(folder).catch(() => undefined);
    if (!left || left.length) return;
    await rmdir(folder).catch(() => {});
    parts.pop();
  }
}

/** Every file under the staging folder, as sorted relative paths with forward slashes. */
export async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}

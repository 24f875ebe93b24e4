import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FlanmixError } from '../../registry/errors.js';
import { MANIFEST } from '../manifest.js';
import { lockOutput } from './lock.js';
import { collisions, foreignFilesError, inspectFolder, STAGING_DIR, SWAP_JOURNAL } from './ownership.js';
import { occupied } from './paths.js';
import { finishInterruptedSwap, listFiles, type SwapStep, swapIn } from './swap.js';

/** Marks a staging folder as ours, so a leftover one (from a killed build) may be removed. */
const STAGING_MARK = '.flanmix-staging-mark';

/** An output folder opened for one build: locked, checked, with an empty staging folder to write into. */
export interface OutputFolder {
  /** The output folder as given. */
  readonly dir: string;
  /** Where the build writes; moved into `dir` by `commit`. */
  readonly staging: string;
  /** Every file written so far under `staging` (what the manifest lists as the build's own files). */
  files(): Promise<string[]>;
  /** Whether a build may write `rel`: no file of that name is there, or a previous flanmix build wrote it. */
  mayWrite(rel: string): Promise<boolean>;
  /** Swaps the staged build in (manifest.json must be staged). Refuses to overwrite files not ours. */
  commit(onStep?: SwapStep): Promise<void>;
  /** Removes the staging folder (if not committed) and releases the lock. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens `dir` for a build before any data is loaded: takes its lock, finishes a swap a crash interrupted,
 * and checks that the folder is new, empty, or a previous flanmix build. A folder holding other files is
 * refused unless `force`; even then, flanmix removes only files a previous flanmix manifest lists and never
 * writes over a file it did not write.
 */
export async function openOutputFolder(
  dir: string,
  options: { force?: boolean } = {},
): Promise<OutputFolder> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FlanmixError(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `--out ${dir} is a file, not a folder`
        : `cannot create output folder ${dir}: ${code ?? (e as Error).message}`,
    );
  }
  // A folder we must refuse is refused before we write anything in it, not even a lock file.
  // (A swap journal means a build of ours was cut short mid-swap; it is finished under the lock below.)
  const first = await inspectFolder(dir);
  if (first.kind === 'foreign' && !options.force && !(await occupied(join(dir, SWAP_JOURNAL))))
    throw foreignFilesError(resolve(dir), first.foreign);
  const lock = await lockOutput(dir);
  const staging = join(dir, STAGING_DIR);
  let committed = false;
  try {
    await finishInterruptedSwap(dir);
    const state = await inspectFolder(dir);
    if (state.kind === 'foreign' && !options.force) throw foreignFilesError(resolve(dir), state.foreign);
    await clearLeftoverStaging(staging);
    await mkdir(staging);
    await writeFile(join(staging, STAGING_MARK), '');
    const owned = state.kind === 'flanmix' ? state.owned : new Set<string>();
    // Names every build writes: a clash shows now, before any data is loaded, not after an hour's work.
    await refuseCollisions(dir, [MANIFEST], owned);
    const files = async () => (await listFiles(staging)).filter((f) => f !== STAGING_MARK);
    return {
      dir,
      staging,
      files,
      async mayWrite(rel) {
        return (await collisions(dir, [rel], owned)).length === 0;
      },
      async commit(onStep) {
        const incoming = await files();
        if (!incoming.includes(MANIFEST)) throw new Error('commit() before the manifest was written');
        await refuseCollisions(dir, incoming, owned);
        await swapIn(dir, incoming, owned, onStep);
        committed = true;
      },
      async close() {
        if (!committed) await rm(staging, { recursive: true, force: true }).catch(() => {});
        await lock.release();
      },
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function refuseCollisions(dir: string, names: readonly string[], owned: ReadonlySet<string>) {
  const hits = await collisions(dir, names, owned);
  if (hits.length) {
    throw new FlanmixError(
      `cannot write ${hits[0]} in ${resolve(dir)}: a file of that name is there and flanmix did not write ` +
        `it; move it away or choose another --out`,
    );
  }
}

/** A killed build leaves its staging folder behind; ours carries a mark, anything else is not touched. */
async function clearLeftoverStaging(staging: string): Promise<void> {
  if (!(await occupied(staging))) return;
  if (!(await occupied(join(staging, STAGING_MARK))))
    throw new FlanmixError(`${staging} exists and was not made by flanmix; move it away`);
  await rm(staging, { recursive: true, force: true });
}

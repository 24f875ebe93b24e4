import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeError } from './file-error.js';

export const MANIFEST = 'manifest.json';

/**
 * Writes manifest.json last and atomically: its presence means the build finished. It holds no
 * timestamps or machine paths, so a rebuild with the same options and seed is byte-identical.
 */
export async function writeManifest(dir: string, manifest: unknown): Promise<string> {
  const path = join(dir, MANIFEST);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(tmp, path);
  } catch (e) {
    // A full disk fails the write half-way: leave no temporary file behind.
    await rm(tmp, { force: true }).catch(() => {});
    throw writeError(e, path);
  }
  return path;
}

import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MANIFEST = 'manifest.json';

/**
 * Writes manifest.json last and atomically: its presence means the build finished. It holds no
 * timestamps or machine paths, so a rebuild with the same options and seed is byte-identical.
 */
export async function writeManifest(dir: string, manifest: unknown): Promise<string> {
  const path = join(dir, MANIFEST);
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path);
  return path;
}

import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/**
 * A file name as a manifest records it: relative, forward slashes, no empty, `.` or `..` segments, no
 * backslashes or NUL. Anything else in a manifest means the manifest was not written by us (or was edited),
 * and acting on it could reach outside the output folder.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/**
 * True when `dir/rel` (following any symlinked folders on the way) still lies inside `dir`. A manifest's
 * `eval/…` could otherwise lead through a symlinked `eval` into a folder of the user's.
 */
export async function resolvesInside(dir: string, rel: string): Promise<boolean> {
  const root = await realpath(dir);
  let parent: string;
  try {
    parent = await realpath(dirname(join(dir, rel)));
  } catch {
    return false;
  }
  const r = relative(root, parent);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !r.startsWith(sep));
}

/** Whether a path exists, without following a final symlink (a dangling link still occupies the name). */
export async function occupied(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SourceError } from '../errors.js';

// Everything the Hub (or a mirror claiming to be it) sends that ends up in a file name: tree paths, ETags,
// revisions, commit shas. A hostile mirror must not be able to steer a write outside the cache, so each is
// checked before any path is built from it, and every path written is checked again against the cache folder.

/** Why a `/`-separated name is unsafe as a relative path, or undefined when it is safe. */
function unsafeReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.includes('\0')) return 'it contains a NUL byte';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/') || isAbsolute(name) || /^[A-Za-z]:/.test(name)) return 'it is absolute';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it contains a control character';
  for (const segment of name.split('/')) {
    if (segment === '') return 'it has an empty segment';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return undefined;
}

/** A repo path from a tree listing or the registry (`rte/train-00000-of-00001.parquet`). */
export function checkRepoPath(path: string, where: string): string {
  const why = unsafeReason(path);
  if (why) throw new SourceError(`${where}: refusing the file path ${JSON.stringify(path)}: ${why}`);
  return path;
}

/** A revision (`main`, `refs/convert/parquet`, `refs/pr/7`, a commit sha): it names a file under `refs/`. */
export function checkRevision(revision: string, where: string): string {
  const why = unsafeReason(revision);
  if (why) throw new SourceError(`${where}: refusing the revision ${JSON.stringify(revision)}: ${why}`);
  return revision;
}

/** `owner/name`, each part made of letters, digits, `-`, `_` and `.` (and not `.` or `..`). */
export function checkRepoName(repo: string, where: string): string {
  const parts = repo.split('/');
  const ok =
    parts.length === 2 && parts.every((p) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p) && !p.includes('..'));
  if (!ok)
    throw new SourceError(`${where}: refusing the repo name ${JSON.stringify(repo)}: expected owner/name`);
  return repo;
}

/**
 * A blob name: the Hub names blobs by the LFS sha256 (64 hex digits) or the git blob id (40). Anything else
 * (`"../../x"`, a weak ETag of some proxy) is refused: it would name a file we cannot check either.
 */
export function checkEtag(etag: string, where: string): string {
  if (!/^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(etag))
    throw new SourceError(
      `${where}: refusing the ETag ${JSON.stringify(etag.slice(0, 100))}: a Hub file id is 40 or 64 hex digits`,
    );
  return etag;
}

export const isCommitSha = (s: string) => /^[0-9a-f]{40}$/.test(s);

/**
 * `path` if it lies inside `root` (lexically, and once the deepest existing folder on its way is resolved,
 * so a symlinked folder cannot lead out either); otherwise a SourceError. Call it on every path written.
 */
export function insideCache(root: string, path: string): string {
  const absRoot = resolve(root);
  const abs = resolve(path);
  const rel = relative(absRoot, abs);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
    throw new SourceError(`refusing to write ${abs}: it is outside the download cache ${absRoot}`);
  const realRoot = realOrSelf(absRoot);
  let probe = abs;
  for (;;) {
    const parent = resolve(probe, '..');
    if (parent === probe) break;
    probe = parent;
    const real = tryReal(probe);
    if (real === undefined) continue;
    const r = relative(realRoot, real);
    if (r !== '' && (r.startsWith(`..${sep}`) || r === '..' || isAbsolute(r)) && isUnder(probe, absRoot))
      throw new SourceError(`refusing to write ${abs}: ${probe} leads outside the download cache ${absRoot}`);
    break;
  }
  return abs;
}

function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || !(rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel));
}

function tryReal(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function realOrSelf(p: string): string {
  return tryReal(p) ?? p;
}

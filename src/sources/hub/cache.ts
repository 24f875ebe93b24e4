import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { SourceError } from '../errors.js';
import { checkEtag, checkRepoName, checkRepoPath, checkRevision, insideCache, isCommitSha } from './safe.js';

/**
 * The Hugging Face cache layout (shared with huggingface_hub and the `datasets` library):
 *
 *     {cache}/datasets--{owner}--{name}/        (models--{owner}--{name} for model repos)
 *       refs/{revision}                   the commit sha a revision last resolved to (refs/refs/convert/parquet)
 *       blobs/{etag}                      file contents, named by sha256 (LFS) or git blob id
 *       snapshots/{commit}/{path}         relative symlinks to the blobs, as the repo lays them out
 *
 * flanmix adds `.flanmix/{commit}/{config}/{split}.json` (the split's file list, written once every file is
 * in the cache), so an offline run knows a split is complete; huggingface_hub ignores the folder.
 */
export class RepoCache {
  readonly folder: string;

  /**
   * Every path below is built from checked names (see safe.ts) and checked to lie inside `cacheDir`, so a
   * hostile mirror's ETag, tree path or revision cannot steer a write outside the cache.
   */
  constructor(
    readonly cacheDir: string,
    readonly repo: string,
    type: RepoType = 'dataset',
  ) {
    checkRepoName(repo, repo);
    this.folder = insideCache(cacheDir, join(cacheDir, `${type}s--${repo.split('/').join('--')}`));
  }

  private inside(path: string): string {
    return insideCache(this.cacheDir, path);
  }

  refPath(revision: string): string {
    checkRevision(revision, this.repo);
    return this.inside(join(this.folder, 'refs', ...revision.split('/')));
  }

  snapshotPath(commit: string, path: string): string {
    checkCommit(commit, this.repo);
    checkRepoPath(path, this.repo);
    return this.inside(join(this.folder, 'snapshots', commit, ...path.split('/')));
  }

  blobPath(etag: string): string {
    checkEtag(etag, this.repo);
    return this.inside(join(this.folder, 'blobs', etag));
  }

  indexPath(commit: string, config: string, split: string): string {
    checkCommit(commit, this.repo);
    checkRepoPath(config, this.repo);
    checkRepoPath(split, this.repo);
    return this.inside(join(this.folder, '.flanmix', commit, config, `${split}.json`));
  }

  readRef(revision: string): string | undefined {
    const p = this.refPath(revision);
    if (!existsSync(p)) return undefined;
    const sha = readFileSync(p, 'utf8').trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  }

  async writeRef(revision: string, commit: string): Promise<void> {
    if (revision === commit) return;
    await atomicWrite(this.refPath(revision), commit, (q) => this.inside(q));
  }

  readIndex(commit: string, config: string, split: string): SplitIndex | undefined {
    const p = this.indexPath(commit, config, split);
    if (!existsSync(p)) return undefined;
    try {
      const data = JSON.parse(readFileSync(p, 'utf8')) as SplitIndex;
      if (!Array.isArray(data.files)) return undefined;
      // An index is only as trustworthy as the listing it came from: check its names again.
      for (const f of data.files) {
        checkRepoPath(f.path, this.repo);
        checkEtag(f.etag, this.repo);
      }
      return data;
    } catch {
      return undefined;
    }
  }

  async writeIndex(commit: string, config: string, split: string, index: SplitIndex): Promise<void> {
    await atomicWrite(this.indexPath(commit, config, split), `${JSON.stringify(index, null, 2)}\n`, (q) =>
      this.inside(q),
    );
  }

  async removeIndex(commit: string, config: string, split: string): Promise<void> {
    await rm(this.indexPath(commit, config, split), { force: true });
  }

  /** The cached file of a snapshot if it is there in full (its blob exists with the expected size). */
  cachedFile(commit: string, path: string, size: number): string | undefined {
    const p = this.snapshotPath(commit, path);
    try {
      return statSync(p).size === size ? p : undefined;
    } catch {
      return undefined;
    }
  }

  /** Points `snapshots/{commit}/{path}` at the blob (relative symlink; a copy where symlinks are refused). */
  async link(commit: string, path: string, etag: string): Promise<string> {
    const dest = this.snapshotPath(commit, path);
    const blob = this.blobPath(etag);
    await mkdir(dirname(dest), { recursive: true });
    this.inside(dest); // again, now that the folders exist: none of them may be a link leading out
    await rm(dest, { force: true });
    try {
      await symlink(relative(dirname(dest), blob), dest);
    } catch {
      await copyFile(blob, dest);
    }
    return dest;
  }

  /** Removes a snapshot file and the blob behind it (a corrupt file must not stay in the cache). */
  async remove(commit: string, path: string): Promise<void> {
    const dest = this.snapshotPath(commit, path);
    let blob: string | undefined;
    try {
      if (lstatSync(dest).isSymbolicLink()) blob = realpathSync(dest);
    } catch {
      // already gone
    }
    await rm(dest, { force: true });
    // Only a blob of this cache, whatever the link says.
    if (blob && !relative(join(realOrSelf(this.folder), 'blobs'), blob).includes('..'))
      await rm(blob, { force: true });
  }

  /** A fresh temporary name beside the blob: `{etag}.incomplete-{pid}-{random}`. */
  tempPath(etag: string): string {
    return `${this.blobPath(etag)}.incomplete-${process.pid}-${randomBytes(4).toString('hex')}`;
  }

  /** Removes temporary files of this blob left by runs that died more than an hour ago. */
  async removeStaleTemps(etag: string): Promise<void> {
    const dir = join(this.folder, 'blobs');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    const prefix = `${etag}.incomplete`;
    for (const n of names) {
      if (!n.startsWith(prefix)) continue;
      const p = join(dir, n);
      try {
        if (Date.now() - (await stat(p)).mtimeMs > 3_600_000) await rm(p, { force: true });
      } catch {
        // raced with another process
      }
    }
  }
}

export type RepoType = 'dataset' | 'model';

export interface SplitIndex {
  repo: string;
  config: string;
  split: string;
  revision: string;
  commit: string;
  files: { path: string; size: number; etag: string }[];
}

function checkCommit(commit: string, where: string): void {
  if (!isCommitSha(commit))
    throw new SourceError(`${where}: refusing the commit ${JSON.stringify(commit)}: expected 40 hex digits`);
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

async function atomicWrite(path: string, text: string, check: (p: string) => void): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  check(path);
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

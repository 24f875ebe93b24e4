/**
 * Which parquet files of a repo hold one config's split. Layouts seen on the Hub:
 *
 * - `refs/convert/parquet`: `{config}/{split}/0000.parquet` (several: 0001…), `{config}/partial-{split}/…`
 *   for splits the converter truncated, and the older `{config}/{repo-name}-{split}.parquet` (or `-0000x-of-0000y`).
 * - `main`: `{config}/{split}-0000x-of-0000y.parquet`, `data/{split}-0000x-of-0000y[-hash].parquet` (single
 *   config), `data/{config}/{split}-….parquet`, or `{split}.parquet` at the root.
 *
 * The rule: look in these scopes in order and use the first that has a match: `{config}/`, `data/{config}/`,
 * `data/`, the repo root. Inside a scope, a file matches when the folder right below the scope is named
 * `{split}` or `partial-{split}` (every parquet file under it is used), or when it sits directly in the scope
 * and its name, without `.parquet` and without a shard suffix (`-00000-of-00003`, optionally `-{hash}`, or
 * `-0000`), is `{split}` or ends in `-{split}`. Folder matches win over name matches. Files are ordered by
 * path with numbers compared as numbers. Split names are matched whole, so `train` never takes `train_r1`
 * and `validation` never takes `validation_matched`.
 */
export function matchSplitFiles(paths: readonly string[], config: string, split: string): string[] {
  const parquet = paths.filter((p) => p.endsWith('.parquet'));
  for (const scope of [`${config}/`, `data/${config}/`, 'data/', '']) {
    const inScope = parquet.filter((p) => p.startsWith(scope)).map((p) => p.slice(scope.length));
    const byFolder = inScope.filter((rel) => {
      const slash = rel.indexOf('/');
      if (slash < 0) return false;
      const folder = rel.slice(0, slash);
      return folder === split || folder === `partial-${split}`;
    });
    const byName = inScope.filter((rel) => !rel.includes('/') && nameMatches(rel, split));
    const found = byFolder.length ? byFolder : byName;
    if (found.length) return found.map((rel) => scope + rel).sort(naturalCompare);
  }
  return [];
}

const SHARD = /-\d+-of-\d+(-[0-9a-f]+)?$|-\d+$/;

function nameMatches(file: string, split: string): boolean {
  const stem = file.slice(0, -'.parquet'.length).replace(SHARD, '');
  return stem === split || stem.endsWith(`-${split}`);
}

const collator = new Intl.Collator('en', { numeric: true });
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The parquet folders of a listing, for an error message that shows what the repo does have. */
export function parquetFolders(paths: readonly string[], max = 12): string[] {
  const folders = [
    ...new Set(
      paths.filter((p) => p.endsWith('.parquet')).map((p) => p.split('/').slice(0, -1).join('/') || '.'),
    ),
  ];
  folders.sort(naturalCompare);
  return folders.length > max ? [...folders.slice(0, max), `… (${folders.length - max} more)`] : folders;
}

import { checkRebuildCatalog, readRebuildManifest } from '../pipeline/from-manifest.js';
import type { BuildOptionsInput } from '../pipeline/options.js';
import { VERSION } from '../version.js';
import { catalogFiles, catalogFromFlags } from './catalog-flags.js';
import { type Flag, type Io, UsageError } from './command.js';
import { PROGRESS_FLAGS } from './progress.js';

export const FROM_MANIFEST_FLAGS: Record<string, Flag> = {
  'from-manifest': {
    type: 'string',
    arg: 'FILE',
    description: "rebuild what a build's manifest.json records (only --out and location flags beside it)",
  },
};

/**
 * Flags that may go with --from-manifest: where to write and where the data and files are, none of which
 * changes the output. Every other build flag changes the records or the files and is refused beside it, as
 * the manifest already fixes it.
 */
export const BESIDE_MANIFEST = [
  'from-manifest',
  'out',
  'force',
  'data-dir',
  'cache-dir',
  'hub-endpoint',
  'offline',
  'registry',
  'templates-dir',
  'native',
  'workers',
  'force-workers',
  ...Object.keys(PROGRESS_FLAGS),
];

/** The build options of `build --from-manifest FILE`, checked against the flags given beside it. */
export function optionsFromManifestFlags(values: Record<string, unknown>, io: Io): BuildOptionsInput {
  const path = String(values['from-manifest']);
  const fixed = Object.keys(values).find((k) => values[k] !== undefined && !BESIDE_MANIFEST.includes(k));
  if (fixed)
    throw new UsageError(
      `--${fixed} cannot be given with --from-manifest: the manifest fixes every option that changes the output (beside it: ${BESIDE_MANIFEST.slice(
        1,
      )
        .map((f) => `--${f}`)
        .join(', ')})`,
    );
  if (values.out === undefined) throw new UsageError('--out DIR is required (the output folder)');
  const manifest = readRebuildManifest(path);
  checkRebuildCatalog(manifest, catalogFromFlags(values, io.cwd), path);
  if (manifest.version !== VERSION)
    io.stderr(
      `warning: ${path} was written by flanmix ${manifest.version}, this is ${VERSION}: the files may differ\n`,
    );
  const recorded = manifest.options;
  const tokenizer = recorded.tokenizer && {
    ...recorded.tokenizer,
    ...(values.native !== undefined ? { native: values.native } : {}),
    ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
    ...(values['force-workers'] ? { forceWorkers: true } : {}),
  };
  return {
    ...recorded,
    ...(tokenizer ? { tokenizer } : {}),
    ...catalogFiles(values),
    out: String(values.out),
    ...(values.force ? { force: true } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: String(values['data-dir']) } : {}),
    ...(values['cache-dir'] !== undefined ? { cacheDir: String(values['cache-dir']) } : {}),
    ...(values['hub-endpoint'] !== undefined ? { hubEndpoint: String(values['hub-endpoint']) } : {}),
    ...(values.offline ? { offline: true } : {}),
  } as BuildOptionsInput;
}

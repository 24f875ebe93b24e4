import { z } from 'zod';
import type { Catalog, CatalogExtension } from '../catalog/catalog.js';
import { type MixOptions, MixOptionsSchema } from '../mixture/options.js';
import { PackOptionsSchema } from '../pack/options.js';
import { parseOptions } from '../registry/errors.js';
import { TokenizerSpecSchema } from '../tokenize/types.js';

/**
 * Everything `buildMixture` and `flanmix build` take, with FLAN's values as defaults. Also the shape of a
 * `--config` JSON file. Credentials are not options: the Hub token comes from HF_TOKEN only.
 */
export const BuildOptionsSchema = MixOptionsSchema.extend({
  /** Where rows come from: the shipped samples, the Hugging Face Hub, or a local folder (`dataDir`). */
  source: z.enum(['samples', 'hub', 'local']).default('samples'),
  /** Folder of local files: the whole source with `local`; the manual datasets' files with `hub` (docs/sources.md). */
  dataDir: z.string().optional(),
  /** A Hub mirror; default: HF_ENDPOINT or https://huggingface.co. */
  hubEndpoint: z.string().url().optional(),
  /** Download cache; default: HF_HUB_CACHE, HF_HOME/hub, or ~/.cache/huggingface/hub. */
  cacheDir: z.string().optional(),
  /**
   * Hub revisions pinned to commits (`repo@revision` → 40-hex sha), as a manifest's sources record them:
   * `--from-manifest` fills it so that a rebuild reads the data the first build read.
   */
  hubCommits: z
    .record(z.string(), z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-hex commit sha'))
    .optional(),
  /** Use the cache only; never touch the network. */
  offline: z.boolean().default(false),
  /** Clusters held out of training, by id; their datasets get evaluation files instead. Checked against the catalog. */
  heldOut: z.array(z.string().min(1)).default([]),
  /** Registry files (JSON or YAML) whose datasets and clusters join the built-in ones (docs/templates.md). */
  registry: z.array(z.string().min(1)).default([]),
  /** Folders of template files for those datasets (or replacing built-in templates). */
  templatesDir: z.array(z.string().min(1)).default([]),
  /** Library only: a user's datasets, templates and code adapters, or a whole catalog (extendCatalog). */
  catalog: z
    .custom<CatalogExtension | Catalog>((v) => typeof v === 'object' && v !== null, 'must be an object')
    .optional(),
  /** Only these datasets (before held-out rules); default: all 62. */
  datasets: z.array(z.string().min(1)).optional(),
  /** Training examples kept per task after the seeded shuffle (FLAN: 30,000). */
  cap: z.number().int().min(1).default(30000),
  /** Override the validation tail of every task (default: FLAN's per-dataset sizes). */
  validationSize: z.number().int().nonnegative().optional(),
  /** Go on without datasets that cannot be had (manual without files, 404, 401); the manifest records them. */
  skipUnavailable: z.boolean().default(false),
  /** Output folder: new, empty, or a previous flanmix build (docs/cli.md, "What a build may delete"). buildMixture needs it; prepareMixture and rates do not. */
  out: z.string().min(1).optional(),
  /** Build into a folder that holds other files too; they are still never removed or overwritten. */
  force: z.boolean().default(false),
  shards: z.number().int().min(1).max(100000).default(8),
  gzip: z.boolean().default(false),
  /** With held-out clusters: write their evaluation files (validation slice and test split). */
  eval: z.boolean().default(true),
  /** Evaluation files use every template, inverted ones included (flagged). */
  evalAllTemplates: z.boolean().default(false),
  /** At most this many examples per held-out task and split in the evaluation files. */
  evalLimit: z.number().int().min(1).optional(),
  /**
   * What the training shards hold: `text` JSONL records (default), the same records as `parquet`, or
   * tokenized and packed rows as `tfrecord` (tf.train.Example, seqio feature names) or `packed-jsonl`.
   */
  output: z.enum(['text', 'parquet', 'tfrecord', 'packed-jsonl']).default('text'),
  /** Names of the text records' input and target fields (`text` and `parquet`): trl wants prompt, completion. */
  fields: z
    .tuple([
      z.string().regex(/^\w+$/, 'must be a field name'),
      z.string().regex(/^\w+$/, 'must be a field name'),
    ])
    .default(['inputs', 'targets']),
  /** The tokenizer for packed outputs and the few-shot budget (default: Mistral-7B's 32k vocabulary). */
  tokenizer: TokenizerSpecSchema.optional(),
  /** Packing layout, packer and lengths for packed outputs (FLAN: enc-dec, 1024 inputs, 256 targets). */
  pack: PackOptionsSchema.default(PackOptionsSchema.parse({})),
}).strict();

export type BuildOptions = z.infer<typeof BuildOptionsSchema>;
export type BuildOptionsInput = z.input<typeof BuildOptionsSchema>;

/** Validates build options; a mistake becomes one FlanmixError line naming the option and the value. */
export function parseBuildOptions(input: unknown): BuildOptions {
  return parseOptions(BuildOptionsSchema, input, 'option');
}

/** The subset of build options the core mixer takes. */
export function mixOptionsOf(o: BuildOptions): MixOptions {
  const keys = Object.keys(MixOptionsSchema.shape) as (keyof MixOptions)[];
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as MixOptions;
}

/**
 * The options as recorded in the manifest: no machine paths or endpoints, and lists that do not change the
 * output (datasets, held-out clusters) in a canonical order, so equal builds have equal manifests.
 */
export function manifestOptions(o: BuildOptions): Record<string, unknown> {
  const {
    out: _out,
    force: _force,
    dataDir: _dataDir,
    cacheDir: _cacheDir,
    hubEndpoint: _hubEndpoint,
    hubCommits: _hubCommits,
    registry: _registry,
    templatesDir: _templatesDir,
    catalog: _catalog,
    ...rest
  } = o;
  return {
    ...rest,
    heldOut: [...rest.heldOut].sort(),
    ...(rest.datasets ? { datasets: [...rest.datasets].sort() } : {}),
  };
}

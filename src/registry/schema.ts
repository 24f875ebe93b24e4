import { z } from 'zod';

/** The twelve task clusters of the FLAN paper (Figure 3), as flanmix spells them (the built-in registry's). */
export const CLUSTER_IDS = [
  'nli',
  'commonsense',
  'sentiment',
  'paraphrase',
  'closed_book_qa',
  'struct_to_text',
  'translation',
  'reading_comprehension',
  'reading_comprehension_with_commonsense',
  'coreference',
  'misc',
  'summarization',
] as const;

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores');

/**
 * A cluster id: the built-in twelve or one a user's registry declares. Which ids exist is checked against the
 * registry's `clusters` (RegistrySchema, and at run time for `heldOut`), not fixed here.
 */
export const ClusterIdSchema = identifier;
export type Cluster = string;

/** Column name → Hub feature type, as datasets.tsv writes it (documentation and schema checks). */
const ColumnsSchema = z.record(z.string().min(1), z.string().min(1));

const Confidence = z.enum(['confirmed', 'guessed']);

/** A revision or config that becomes part of a cache path: relative, no `.`/`..`/empty segments, no backslash. */
const safeName = z
  .string()
  .min(1)
  .regex(
    /^[A-Za-z0-9_.+=-]+(\/[A-Za-z0-9_.+=-]+)*$/,
    'must be segments of letters, digits, "._+=-" joined by "/"',
  )
  .refine(
    (s) => s.split('/').every((seg) => seg !== '.' && seg !== '..'),
    'must not contain "." or ".." segments',
  );

/** The special revision "the newest open pull request whose tree has the split's files", found at run time. */
export const OPEN_PR_REVISION = 'refs/pr/*';

/** A branch, ref or commit sha (a cache path, see safeName), or exactly OPEN_PR_REVISION; no other wildcard. */
const revisionName = z.string().superRefine((s, ctx) => {
  if (s === OPEN_PR_REVISION) return;
  const checked = safeName.safeParse(s);
  if (checked.success) return;
  const wildcard = s.includes('*') ? ` (the only wildcard is "${OPEN_PR_REVISION}")` : '';
  for (const issue of checked.error.issues)
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${issue.message}${wildcard}` });
});

const HubSourceSchema = z.strictObject({
  availability: z.literal('hub'),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"'),
  config: safeName,
  /**
   * Branch or ref holding the parquet files: `main`, `refs/convert/parquet`, `refs/pr/7`; or `refs/pr/*`, the
   * newest open pull request (of the 10 newest) whose tree has the split's files.
   */
  revision: revisionName,
  /** `confirmed`: parquet with the registry's columns seen there; `guessed`: no such evidence. */
  confidence: Confidence,
  /** Why this source, and what may go wrong with it. */
  note: z.string().min(1).optional(),
});

const ManualSourceSchema = z.strictObject({
  availability: z.literal('manual'),
  /** What the user must obtain, in a sentence. */
  files: z.string().min(1),
  /** Optional for a user's own files. */
  confidence: Confidence.optional(),
});

export const SourceSchema = z.discriminatedUnion('availability', [HubSourceSchema, ManualSourceSchema]);

/** A split's published row count and where the figure comes from (docs/mixing.md). */
const SplitSizeSchema = z.strictObject({
  rows: z.number().int().nonnegative(),
  /** `hub`: the Hub repo's dataset info; `tfds`: the TFDS catalog; `flan`: FLAN's own slice of the corpus. */
  from: z.enum(['hub', 'tfds', 'flan']),
});

/** Published sizes, so rates can be planned without downloading (`flanmix rates --sizes registry`). */
export const SplitSizesSchema = z.strictObject({
  /** Rows of the `splits.train` split; null for an evaluation-only task. */
  train: SplitSizeSchema.nullable(),
  /** Rows of the `splits.test` split. */
  eval: SplitSizeSchema,
  /**
   * FLAN's own count of the task's training examples (after its slice and filters), where it differs from
   * the split size less the validation tail; registry-sized rates use it.
   */
  flanTrain: z.number().int().positive().optional(),
});

export const TaskSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  /** The task's name in FLAN's public code, for cross-reference (built-in tasks). */
  flanName: z.string().min(1).optional(),
  /** Column name → Hub feature type: what every source of the task must have. */
  columns: ColumnsSchema,
  /** Where to read the task, tried in order: the first whose revision resolves and whose files have the columns wins. */
  sources: z.array(SourceSchema).min(1),
  /** Source split names. `train: null` marks an evaluation-only task (wsc273). */
  splits: z.strictObject({
    train: z.string().min(1).nullable(),
    test: z.string().min(1),
  }),
  /** FLAN's own TFDS-style slices, kept for reference (built-in tasks). */
  flanSlices: z.strictObject({ train: z.string(), eval: z.string() }).optional(),
  /** Size of the tail held out of the training slice as a validation slice (FLAN: 200 for most tasks). */
  validationSize: z.number().int().nonnegative().default(200),
  sizes: SplitSizesSchema.optional(),
  /** Option texts in label-index order, for fixed-label classification. */
  options: z.array(z.string().min(1)).min(2).optional(),
  /** How sure the built-in registry is of the task's first source (built-in tasks). */
  confidence: Confidence.optional(),
});

/**
 * A declarative adapter: how a dataset's rows become template fields without code. `fields` maps each
 * template field to the column it is copied from; `label` makes the `answer` field of a classification
 * dataset from a label column, which holds an option index, an option text, or one of `names` (the label
 * names as the column writes them, in the order of the task's `options`).
 */
export const AdapterSpecSchema = z.strictObject({
  fields: z
    .record(identifier, z.string().min(1))
    .refine((f) => Object.keys(f).length > 0, 'map at least one field to a column'),
  label: z
    .strictObject({
      column: z.string().min(1),
      names: z.array(z.string().min(1)).min(2).optional(),
    })
    .optional(),
});

export const DatasetSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  cluster: ClusterIdSchema,
  kind: z.enum(['classification', 'generation']),
  homepage: z.string().url().optional(),
  /**
   * The dataset's licence as its publisher states it, as a Hugging Face Hub licence id (`cc-by-4.0`, `mit`,
   * `apache-2.0`…); `other` for the publisher's own terms, `unknown` when not established. The dataset card
   * of a build lists it; users must still check it at the source.
   */
  license: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.+-]*$/,
      'must be a Hub licence id such as "cc-by-4.0", "mit", "other" or "unknown"',
    )
    .default('unknown'),
  citation: z.string().min(1).optional(),
  /** For datasets without a code adapter (a user's own): the column-to-field map. */
  adapter: AdapterSpecSchema.optional(),
  tasks: z.array(TaskSchema).min(1),
});

export const ClusterSchema = z.strictObject({ id: ClusterIdSchema, name: z.string().min(1) });

export const RegistrySchema = z
  .strictObject({
    version: z.literal(1),
    clusters: z.array(ClusterSchema),
    datasets: z.array(DatasetSchema),
  })
  .superRefine((reg, ctx) => {
    checkDatasets(reg.datasets, reg.clusters, ctx);
  });

/**
 * A user's registry file: clusters and datasets added to (or replacing, by id) the built-in ones. Clusters
 * named by its datasets must exist in the file or the built-in registry (checked when merged).
 */
export const RegistryExtensionSchema = z.strictObject({
  version: z.literal(1).default(1),
  clusters: z.array(ClusterSchema).default([]),
  datasets: z.array(DatasetSchema).default([]),
});
export type RegistryExtension = z.infer<typeof RegistryExtensionSchema>;

type DatasetEntry = z.infer<typeof DatasetSchema>;

/**
 * The rules zod's shapes cannot say: ids are unique, every dataset's cluster is declared, and a declarative
 * label fits the options. Reported as issues with their JSON paths.
 */
export function checkDatasets(
  datasets: readonly DatasetEntry[],
  clusters: readonly { id: string }[],
  ctx: z.RefinementCtx,
): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const seenClusters = new Set<string>();
  clusters.forEach((c, i) => {
    if (seenClusters.has(c.id)) issue(['clusters', i, 'id'], `duplicate cluster id "${c.id}"`);
    seenClusters.add(c.id);
  });
  const seen = new Set<string>();
  datasets.forEach((d, i) => {
    if (seen.has(d.id)) issue(['datasets', i, 'id'], `duplicate dataset id "${d.id}"`);
    seen.add(d.id);
    if (!seenClusters.has(d.cluster))
      issue(
        ['datasets', i, 'cluster'],
        `unknown cluster "${d.cluster}" (known: ${[...seenClusters].join(', ')}; declare a new one under "clusters")`,
      );
    const taskIds = new Set<string>();
    const names = d.adapter?.label?.names;
    d.tasks.forEach((t, j) => {
      if (taskIds.has(t.id)) issue(['datasets', i, 'tasks', j, 'id'], `duplicate task id "${t.id}"`);
      taskIds.add(t.id);
      if (d.adapter?.label && !t.options)
        issue(
          ['datasets', i, 'tasks', j, 'options'],
          'a task whose adapter has a label needs "options" (the option texts in label order)',
        );
      if (names && t.options && names.length !== t.options.length)
        issue(
          ['datasets', i, 'adapter', 'label', 'names'],
          `${names.length} label names for the ${t.options.length} options of task "${t.id}"`,
        );
    });
  });
}

export type Registry = z.infer<typeof RegistrySchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type SplitSizes = z.infer<typeof SplitSizesSchema>;
export type DatasetId = string;
/** A task's global id: `dataset` for single-task datasets, `dataset/task` otherwise (see taskKey). */
export type TaskKey = string;

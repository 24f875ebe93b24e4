import { z } from 'zod';

/** The twelve task clusters of the FLAN paper (Figure 3), as flanmix spells them. */
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

export const ClusterIdSchema = z.enum(CLUSTER_IDS);
export type Cluster = z.infer<typeof ClusterIdSchema>;

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores');

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

const HubSourceSchema = z.strictObject({
  availability: z.literal('hub'),
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be "owner/name"'),
  config: safeName,
  /** Branch or ref holding the parquet files: `main`, `refs/convert/parquet`, `refs/pr/7`. */
  revision: safeName,
  /** `confirmed`: parquet with the registry's columns seen there; `guessed`: no such evidence. */
  confidence: Confidence,
  /** Why this source, and what may go wrong with it. */
  note: z.string().min(1).optional(),
});

const ManualSourceSchema = z.strictObject({
  availability: z.literal('manual'),
  /** What the user must obtain, in a sentence. */
  files: z.string().min(1),
  confidence: Confidence,
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
  /** The task's name in FLAN's public code, for cross-reference. */
  flanName: z.string().min(1),
  /** Column name → Hub feature type: what every source of the task must have. */
  columns: ColumnsSchema,
  /** Where to read the task, tried in order: the first whose revision resolves and whose files have the columns wins. */
  sources: z.array(SourceSchema).min(1),
  /** Source split names. `train: null` marks an evaluation-only task (wsc273). */
  splits: z.strictObject({
    train: z.string().min(1).nullable(),
    test: z.string().min(1),
  }),
  /** FLAN's own TFDS-style slices, kept for reference (datasets.tsv). */
  flanSlices: z.strictObject({ train: z.string(), eval: z.string() }),
  /** Size of the tail held out of the training slice as a validation slice (Part A §4). */
  validationSize: z.number().int().nonnegative(),
  sizes: SplitSizesSchema.optional(),
  /** Option texts in label-index order, for fixed-label classification. */
  options: z.array(z.string().min(1)).min(2).optional(),
  confidence: z.enum(['confirmed', 'guessed']),
});

export const DatasetSchema = z.strictObject({
  id: identifier,
  name: z.string().min(1),
  cluster: ClusterIdSchema,
  kind: z.enum(['classification', 'generation']),
  homepage: z.string().url(),
  citation: z.string().min(1),
  tasks: z.array(TaskSchema).min(1),
});

export const RegistrySchema = z
  .strictObject({
    version: z.literal(1),
    clusters: z.array(z.strictObject({ id: ClusterIdSchema, name: z.string().min(1) })),
    datasets: z.array(DatasetSchema),
  })
  .superRefine((reg, ctx) => {
    const seen = new Set<string>();
    reg.datasets.forEach((d, i) => {
      if (seen.has(d.id))
        ctx.addIssue({
          code: 'custom',
          path: ['datasets', i, 'id'],
          message: `duplicate dataset id "${d.id}"`,
        });
      seen.add(d.id);
      const taskIds = new Set<string>();
      d.tasks.forEach((t, j) => {
        if (taskIds.has(t.id))
          ctx.addIssue({
            code: 'custom',
            path: ['datasets', i, 'tasks', j, 'id'],
            message: `duplicate task id "${t.id}"`,
          });
        taskIds.add(t.id);
      });
    });
    const clusterIds = reg.clusters.map((c) => c.id);
    for (const c of CLUSTER_IDS) {
      if (!clusterIds.includes(c))
        ctx.addIssue({ code: 'custom', path: ['clusters'], message: `cluster "${c}" is missing` });
    }
  });

export type Registry = z.infer<typeof RegistrySchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type SplitSizes = z.infer<typeof SplitSizesSchema>;
export type DatasetId = string;
/** A task's global id: `dataset` for single-task datasets, `dataset/task` otherwise (see taskKey). */
export type TaskKey = string;

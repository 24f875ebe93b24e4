import { z } from 'zod';

/**
 * What `flanmix check` found for one task: `ok` (its first source works), `fell back` (a later source works),
 * `mismatch` (no source works, and at least one failed on columns or types), `missing` (no source has the
 * files), `manual` (the user supplies it; not contacted), `error` (it could not be checked: network failure,
 * a server without range requests, an unreadable footer).
 */
export const CheckVerdictSchema = z.enum(['ok', 'fell back', 'mismatch', 'missing', 'manual', 'error']);
export type CheckVerdict = z.infer<typeof CheckVerdictSchema>;

/** A registry source as used: its 1-based position in the task's list, and the commit its revision resolved to. */
export const CheckedSourceSchema = z.object({
  index: z.number().int().positive(),
  repo: z.string(),
  config: z.string(),
  revision: z.string(),
  commit: z.string(),
});

/** One split of the task (`train`, and `eval`: the registry's test split) from the source that works. */
export const CheckedSplitSchema = z.object({
  role: z.enum(['train', 'eval']),
  /** The split's name in the source (`train`, `validation_matched`, …). */
  split: z.string(),
  source: CheckedSourceSchema.nullable(),
  /** Parquet files of the split, in read order. */
  files: z.array(z.string()),
  /** Rows, summed over the files' footers; null when no source works. */
  rows: z.number().int().nonnegative().nullable(),
  /** Size of the split's files. */
  bytes: z.number().int().nonnegative().nullable(),
  /** The registry's `sizes` figure for the split, if it has one. */
  registryRows: z.number().int().nonnegative().nullable(),
  /** Set when `rows` and `registryRows` differ: a warning, not a failure. */
  sizeWarning: z.string().nullable(),
});

/** A source passed over (or failing) for one split, with the reason. */
export const SourceFailureSchema = z.object({
  index: z.number().int().positive(),
  repo: z.string(),
  config: z.string(),
  revision: z.string(),
  role: z.enum(['train', 'eval']),
  problem: z.enum(['missing', 'mismatch', 'error']),
  reason: z.string(),
});

export const TaskCheckSchema = z.object({
  dataset: z.string(),
  task: z.string(),
  /** `dataset`, or `dataset/task` for a dataset with several tasks. */
  key: z.string(),
  verdict: CheckVerdictSchema,
  /** The source the task's splits were found in (the training split's when they differ); null if none. */
  source: CheckedSourceSchema.nullable(),
  splits: z.array(CheckedSplitSchema),
  failures: z.array(SourceFailureSchema),
  /** Bytes fetched for this task: footers only (the API calls aside). */
  footerBytes: z.number().int().nonnegative(),
});
export type TaskCheck = z.infer<typeof TaskCheckSchema>;

/** `flanmix check --json`: one entry per selected task, in registry order. */
export const CheckReportSchema = z.array(TaskCheckSchema);
export type CheckReport = z.infer<typeof CheckReportSchema>;

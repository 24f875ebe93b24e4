import { z } from 'zod';

/** The parts of manifest.json the report reads (the manifest holds more; unknown keys pass). */
export const ReportManifestSchema = z.looseObject({
  flanmix: z.string(),
  seed: z.number(),
  options: z.record(z.string(), z.unknown()),
  heldOut: z
    .looseObject({
      clusters: z.array(z.string()),
      removed: z.array(z.looseObject({ cluster: z.string(), rule: z.string() })),
      evaluation: z.array(z.string()),
    })
    .nullable()
    .optional(),
  members: z.array(
    z.looseObject({
      key: z.string(),
      dataset: z.string(),
      task: z.string(),
      cluster: z.string(),
      origin: z.looseObject({
        kind: z.string(),
        repo: z.string().optional(),
        config: z.string().optional(),
        revision: z.string().optional(),
        commit: z.string().optional(),
        split: z.string().optional(),
        files: z.array(z.string()),
      }),
      counts: z.looseObject({
        rows: z.number(),
        examples: z.number(),
        filtered: z.record(z.string(), z.number()),
      }),
      pool: z.number(),
      rate: z.number(),
      share: z.number(),
      count: z.number(),
    }),
  ),
  skipped: z.array(z.looseObject({ dataset: z.string(), task: z.string(), reason: z.string() })),
  shards: z.array(
    z.looseObject({ file: z.string(), records: z.number(), bytes: z.number(), sha256: z.string() }),
  ),
  eval: z.array(
    z.looseObject({
      file: z.string(),
      records: z.number(),
      dataset: z.string(),
      task: z.string(),
      split: z.string(),
      examples: z.number(),
    }),
  ),
  packed: z
    .looseObject({
      tokenizer: z.looseObject({ name: z.string() }),
      report: z.looseObject({
        examples: z.number(),
        rows: z.number(),
        truncatedInputs: z.number(),
        truncatedTargets: z.number(),
      }),
      stats: z.looseObject({
        inputs_fill: z.number().nullable(),
        targets_fill: z.number().nullable(),
        row_fill: z.number().nullable().optional(),
        inputs_tokens: z.number(),
        targets_tokens: z.number(),
      }),
      /** Token-length histograms per cluster, when the build recorded them. */
      lengths: z
        .record(z.string(), z.looseObject({ inputs: z.array(z.number()), targets: z.array(z.number()) }))
        .optional(),
    })
    .optional(),
  totals: z.looseObject({
    members: z.number(),
    examples: z.number(),
    shards: z.number(),
    evalRecords: z.number(),
  }),
});
export type ReportManifest = z.infer<typeof ReportManifestSchema>;

export interface ReportInput {
  manifest: ReportManifest;
  /** Records written per member key, counted from the text shards (absent for packed outputs). */
  written?: Record<string, number>;
  /** Cluster id → display name, in registry order. */
  clusters: { id: string; name: string }[];
}

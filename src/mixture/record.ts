import { z } from 'zod';

/** How an example's input is phrased (docs/mixing.md, "Templates and formats"): FLAN's instructions, or the paper's two ablations. */
export const FormatSchema = z.enum(['instruction', 'no-template', 'dataset-name']);
export type Format = z.infer<typeof FormatSchema>;

/** One example of the mixture, as written to the JSONL shards. */
export interface MixtureRecord {
  inputs: string;
  targets: string;
  dataset: string;
  task: string;
  cluster: string;
  /** Template index in the dataset's set; null for the no-template and dataset-name formats. */
  template: number | null;
  inverted: boolean;
  format: Format;
}

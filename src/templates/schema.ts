import { z } from 'zod';

export const TemplateSchema = z.strictObject({
  /** The instruction (Handlebars; `{{field}}` names an adapter field, `{{options}}` the options block). */
  input: z.string().min(1),
  target: z.string().min(1),
  /** The task turned around (e.g. write a review with a given sentiment). */
  inverted: z.boolean().default(false),
});

export const TemplateSetSchema = z.strictObject({
  /**
   * Datasets this set serves (translation shares one set across language pairs), or single tasks written
   * `dataset/task` when a dataset's tasks need different instructions (SQuAD v1 never has an unanswerable
   * question; v2 does).
   */
  datasets: z.array(z.string().min(1)).min(1),
  /** The raw inputs without any instruction, for the `no-template` and `dataset-name` formats. */
  raw: z.strictObject({ input: z.string().min(1), target: z.string().min(1) }),
  templates: z.array(TemplateSchema).min(1),
});

export type TemplateSpec = z.infer<typeof TemplateSchema>;
export type TemplateSetSpec = z.infer<typeof TemplateSetSchema>;

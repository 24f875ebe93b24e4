import { z } from 'zod';
import { FlanmixError, formatIssues } from '../registry/errors.js';

/** An evaluation record as `flanmix build` writes it (older builds have no `id`; it is derived then). */
export const ScoredRecordSchema = z.object({
  id: z.string().min(1).optional(),
  dataset: z.string().min(1),
  task: z.string().min(1),
  split: z.enum(['validation', 'test']),
  example: z.number().int().nonnegative(),
  template: z.number().int().nonnegative(),
  inverted: z.boolean(),
  targets: z.string(),
  options: z.array(z.string()).nullable(),
  answers: z.array(z.string()).min(1),
  group: z.number().int().nonnegative().optional(),
});
export type ScoredRecord = z.infer<typeof ScoredRecordSchema> & { id: string };

/**
 * One line of a predictions file: the record's `id` and either the generated text (`prediction`) or one
 * log-likelihood per option, in the record's option order (`option_scores`). Other fields are ignored.
 */
export const PredictionSchema = z
  .object({
    id: z.string().min(1),
    prediction: z.string().optional(),
    option_scores: z
      .array(z.number({ error: 'must be a finite number' }))
      .min(1)
      .optional(),
  })
  .refine((p) => (p.prediction === undefined) !== (p.option_scores === undefined), {
    message: 'give exactly one of "prediction" (text) and "option_scores" (one number per option)',
  });
export type Prediction = z.infer<typeof PredictionSchema> & { line: number };

/** A bare NaN or Infinity: valid in Python's json.dumps output, not in JSON. */
const NON_FINITE = /(?<![\w"])-?(?:NaN|Infinity)(?![\w"])/;

/** Parses one predictions line; errors name the line and what is wrong with it, in one line. */
export function parsePrediction(text: string, line: number, file: string): Prediction {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    if (NON_FINITE.test(text))
      throw new PredictionError(
        `${file}:${line}: option_scores holds NaN or Infinity; every score must be finite`,
      );
    throw new PredictionError(`${file}:${line}: not valid JSON`);
  }
  const r = PredictionSchema.safeParse(raw);
  if (!r.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? ` (id ${(raw as { id: string }).id})` : '';
    throw new PredictionError(`${file}:${line}${id}: ${formatIssues(r.error.issues).replaceAll('\n', '; ')}`);
  }
  return { ...r.data, line };
}

/** A predictions file that does not fit its evaluation records. */
export class PredictionError extends FlanmixError {
  override name = 'PredictionError';
}

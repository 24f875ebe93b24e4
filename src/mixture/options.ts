import { z } from 'zod';
import { OptionsStyleSchema } from '../templates/options.js';
import { FormatSchema } from './record.js';

/** Few-shot separators (docs/mixing.md, "Few-shot"). `flan` is FLAN's LaMDA-era `0 x X 1 y X … 0 x X 1 FLAN`. */
export const SeparatorsSchema = z.strictObject({
  inputsPrefix: z.string(),
  targetsPrefix: z.string(),
  xyDelimiter: z.string(),
  exampleSeparator: z.string(),
  finalSuffix: z.string(),
});
export type Separators = z.infer<typeof SeparatorsSchema>;

export const SEPARATOR_PRESETS = {
  /** Plain text: exemplar input, newline, answer; blank lines between exemplars. */
  plain: {
    inputsPrefix: '',
    targetsPrefix: '',
    xyDelimiter: '\n',
    exampleSeparator: '\n\n',
    finalSuffix: '',
  },
  /** FLAN 2021's public code (seqio few-shot defaults plus the dialogue suffix). */
  flan: {
    inputsPrefix: '0 ',
    targetsPrefix: '1 ',
    xyDelimiter: ' X ',
    exampleSeparator: ' X ',
    finalSuffix: ' FLAN',
  },
} as const satisfies Record<string, Separators>;

export const FewShotSchema = z.strictObject({
  /** Exemplars drawn per example, at most 16 as in FLAN; fewer are kept when the budget runs out. */
  k: z.number().int().min(0).max(16).default(0),
  /** The whole few-shot input stays within this many tokens (FLAN: 960 of 1024, 64 left for separators). */
  maxInputTokens: z.number().int().min(1).default(960),
  separators: z.union([z.enum(['plain', 'flan']), SeparatorsSchema]).default('plain'),
});

/** Which templates a member may use: all, the non-inverted ones, or the first N (the paper's ablation). */
export const TemplateSubsetSchema = z.union([
  z.literal('all'),
  z.literal('non-inverted'),
  z.number().int().min(1, 'use at least 1 template'),
]);
export type TemplateSubset = z.infer<typeof TemplateSubsetSchema>;

/** The mixing options of the core (no files, no network): FLAN's values are the defaults. */
export const MixOptionsSchema = z.strictObject({
  seed: z.number().int().nonnegative().default(0),
  rateMax: z.number().positive().default(3000),
  temperature: z.number().positive().default(1),
  /** Examples in the mixture; default: the sum of the capped pools. */
  total: z.number().int().min(1, 'a mixture needs at least 1 example').optional(),
  format: FormatSchema.default('instruction'),
  optionsStyle: OptionsStyleSchema.default('flan'),
  templates: TemplateSubsetSchema.default('all'),
  fewShot: FewShotSchema.default({ k: 0, maxInputTokens: 960, separators: 'plain' }),
  /** Wrap each input as `0 {x} X 1 FLAN` (LaMDA-PT's dialogue format). Off by default. */
  lamda: z.boolean().default(false),
});
export type MixOptions = z.infer<typeof MixOptionsSchema>;
export type MixOptionsInput = z.input<typeof MixOptionsSchema>;

export function resolveSeparators(fewShot: MixOptions['fewShot'], lamda: boolean): Separators {
  if (lamda) return SEPARATOR_PRESETS.flan;
  return typeof fewShot.separators === 'string' ? SEPARATOR_PRESETS[fewShot.separators] : fewShot.separators;
}

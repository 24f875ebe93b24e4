import { z } from 'zod';

/** Text fields a row may carry beside its token features: one string per segment, as a bytes list. */
export const TextFieldSchema = z.enum([
  'inputs_pretokenized',
  'targets_pretokenized',
  'dataset',
  'task',
  'cluster',
  'template',
  'format',
]);
export type TextField = z.infer<typeof TextFieldSchema>;

const length = z
  .number()
  .int()
  .min(2)
  .max(1 << 20);

export const PackOptionsSchema = z
  .object({
    /** enc-dec: seqio's EncDecFeatureConverter; decoder-only: seqio's PrefixLMFeatureConverter (prefix LM). */
    layout: z.enum(['enc-dec', 'decoder-only']).default('enc-dec'),
    /**
     * best-fit: best fit within a window of pending examples (default, see bestFitBins); greedy: seqio's next-fit
     * (`trim_and_pack_dataset` without custom ops); none: one example per record, as token lists.
     */
    packer: z.enum(['best-fit', 'greedy', 'none']).default('best-fit'),
    /** Input (encoder) length, EOS included. */
    inputLength: length.default(1024),
    /** Target (decoder) length, EOS included. */
    targetLength: length.default(256),
    /** decoder-only row length (inputs + targets); default inputLength + targetLength (1280). */
    length: length.optional(),
    /** best-fit: pending examples the packer chooses from; memory is bounded by it. */
    window: z.number().int().min(1).max(1_000_000).default(8192),
    /**
     * decoder-only packed rows: each example starts with the tokenizer's BOS id (as Llama and Mistral were
     * trained), counted in the row length as part of the inputs. Off by default.
     */
    bos: z.boolean().optional(),
    /** Text fields kept beside the token features (none by default). */
    keep: z.array(TextFieldSchema).default([]),
  })
  .strict();
export type PackOptions = z.infer<typeof PackOptionsSchema>;
export type PackOptionsInput = z.input<typeof PackOptionsSchema>;

/** A packed (or, for packer none, single) example: token features as Int32Array, kept text as string[]. */
export type PackedRow = Record<string, Int32Array | string[]>;

export interface FeatureSpec {
  name: string;
  dtype: 'int32' | 'string';
  /** seqio's shape: `[1024]` fixed length, `[null]` variable-length list, `[]` a scalar. */
  shape: (number | null)[];
  /** Whether the feature holds token ids (for stats: tokens = non-padding positions). */
  kind: 'tokens' | 'segment_ids' | 'positions' | 'weights' | 'mask' | 'text';
}

export const ENC_DEC_FEATURES = [
  'encoder_input_tokens',
  'encoder_segment_ids',
  'encoder_positions',
  'decoder_target_tokens',
  'decoder_input_tokens',
  'decoder_loss_weights',
  'decoder_segment_ids',
  'decoder_positions',
] as const;

export const DECODER_ONLY_FEATURES = [
  'decoder_target_tokens',
  'decoder_input_tokens',
  'decoder_loss_weights',
  'decoder_segment_ids',
  'decoder_positions',
  'decoder_causal_attention',
] as const;

/** Row length of the decoder-only layout. */
export function decoderLength(o: Pick<PackOptions, 'inputLength' | 'targetLength' | 'length'>): number {
  return o.length ?? o.inputLength + o.targetLength;
}

function kindOf(name: string): FeatureSpec['kind'] {
  if (name.endsWith('_segment_ids')) return 'segment_ids';
  if (name.endsWith('_positions')) return 'positions';
  if (name.endsWith('_loss_weights')) return 'weights';
  if (name.endsWith('_causal_attention')) return 'mask';
  return 'tokens';
}

/** The features of the rows packExamples yields for these options, in a fixed order. */
export function featureSpecs(o: PackOptions): FeatureSpec[] {
  const text = (name: TextField): FeatureSpec => ({
    name,
    dtype: 'string',
    shape: o.packer === 'none' ? [] : [null],
    kind: 'text',
  });
  if (o.packer === 'none') {
    return [
      { name: 'inputs', dtype: 'int32', shape: [null], kind: 'tokens' },
      { name: 'targets', dtype: 'int32', shape: [null], kind: 'tokens' },
      ...o.keep.map(text),
    ];
  }
  if (o.layout === 'enc-dec') {
    return [
      ...ENC_DEC_FEATURES.map((name) => ({
        name,
        dtype: 'int32' as const,
        shape: [name.startsWith('encoder') ? o.inputLength : o.targetLength],
        kind: kindOf(name),
      })),
      ...o.keep.map(text),
    ];
  }
  const L = decoderLength(o);
  return [
    ...DECODER_ONLY_FEATURES.map((name) => ({
      name,
      dtype: 'int32' as const,
      shape: [L],
      kind: kindOf(name),
    })),
    ...o.keep.map(text),
  ];
}

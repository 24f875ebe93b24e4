import { z } from 'zod';
import type { MixtureRecord } from '../mixture/record.js';

/** What a tokenizer backend is told besides the prepared tokenizer.json. */
export interface TokenizerMeta {
  name: string;
  hash: string;
  specialTokens?: SpecialTokenPolicy;
}

/**
 * A tokenizer as the packer sees it. `encodeBatch` returns ids WITHOUT any special tokens (no BOS, no
 * EOS): the packer appends `eosId` to inputs and to targets. Implementations must be pure functions of
 * the text: the same text gives the same ids whatever the batch, the batch size or the thread count.
 */
export interface Tokenizer {
  /** Human-readable name, recorded in the manifest (e.g. `mistral-7b (shipped with flanmix, assets/mistral-7b)`). */
  name: string;
  /** sha256 of the tokenizer.json bytes the tokenizer was built from, recorded in the manifest. */
  hash: string;
  eosId: number;
  /** Padding id (also the "start" id shifted into decoder_input_tokens, as in seqio/T5). */
  padId: number;
  /** Beginning-of-sequence id, when the tokenizer has one; the packer writes it only with `pack.bos`. */
  bosId?: number;
  vocabSize: number;
  /**
   * Characters of the longest piece in the vocabulary: no token covers more, so text longer than a row's
   * tokens × this can be cut before encoding (see tokenize/cut.ts). Unknown: FALLBACK_MAX_TOKEN_CHARS.
   */
  maxTokenChars?: number;
  encodeBatch(texts: readonly string[]): Promise<Int32Array[]>;
  /** Which engine encodes: the pure-JS library in this thread, in worker threads, or the native package. */
  backend?: 'js' | 'js-workers' | 'native';
  /** How many encodeBatch calls can usefully run at once (worker count); tokenizeRecords keeps that many in flight. */
  concurrency?: number;
  /** What happens to special-token strings such as `</s>` inside text (see docs/packing.md). */
  specialTokens?: SpecialTokenPolicy;
  /** Releases worker threads, if any. Idempotent. */
  close?(): Promise<void>;
}

/** One mixture record with its token ids (no EOS yet). */
export interface TokenizedExample {
  record: MixtureRecord;
  inputs: Int32Array;
  targets: Int32Array;
}

/**
 * Special-token strings in text (`</s>`, `<s>`, `<unk>`, `<|endoftext|>` …):
 * - `text` (default): encoded as ordinary text, the way SentencePiece (and so seqio/T5) does: `</s>` in a
 *   review becomes the pieces `▁</`, `s`, `>`; it never becomes the EOS id.
 * - `error`: the build stops with an error that quotes the text and names the token.
 */
export const SpecialTokenPolicySchema = z.enum(['text', 'error']);
export type SpecialTokenPolicy = z.infer<typeof SpecialTokenPolicySchema>;

/** Use the native `tokenizers` package: when installed (`auto`), never (`off`), or fail without it (`require`). */
export const NativeModeSchema = z.enum(['auto', 'off', 'require']);
export type NativeMode = z.infer<typeof NativeModeSchema>;

const TokenIdOrString = z.union([z.number().int().nonnegative(), z.string().min(1)]);

/** Hard limit on tokenizer threads: each holds a tokenizer (tens of MB); thousands end in a V8 OOM crash. */
export const MAX_WORKERS = 256;

const common = {
  native: NativeModeSchema.default('auto'),
  specialTokens: SpecialTokenPolicySchema.default('text'),
  /** Worker threads for the pure-JS path; 0 = one per core (os.availableParallelism()), 1 = this thread. */
  workers: z
    .number()
    .int()
    .nonnegative()
    .max(MAX_WORKERS, `at most ${MAX_WORKERS} tokenizer threads`)
    .default(0),
  /** Allow more workers than cores (they only share the cores, so this rarely helps). */
  forceWorkers: z.boolean().optional(),
  /** Overrides: the EOS / padding token (string or id). Default: tokenizer_config.json, then well-known names. */
  eos: TokenIdOrString.optional(),
  pad: TokenIdOrString.optional(),
  /** The BOS token (string or id) for `pack.bos`. Default: tokenizer_config.json, then well-known names. */
  bos: TokenIdOrString.optional(),
};

export const TokenizerSpecSchema = z.discriminatedUnion('kind', [
  /** The offline default: Mistral-7B's 32k SentencePiece-style BPE, shipped compressed in the package (assets/mistral-7b). */
  z.object({ kind: z.literal('default'), ...common }),
  /** Any tokenizer.json on disk (a tokenizer_config.json beside it is read for eos/pad if present). */
  z.object({ kind: z.literal('file'), path: z.string().min(1), ...common }),
  /** tokenizer.json of a Hub model repo, downloaded into the Hugging Face cache. */
  z.object({
    kind: z.literal('hub'),
    repo: z.string().min(1),
    revision: z.string().min(1).optional(),
    endpoint: z.string().optional(),
    cacheDir: z.string().optional(),
    offline: z.boolean().optional(),
    ...common,
  }),
]);
export type TokenizerSpec = z.infer<typeof TokenizerSpecSchema>;
export type TokenizerSpecInput = z.input<typeof TokenizerSpecSchema>;

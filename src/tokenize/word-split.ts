// Pure: SentencePiece-style text → ids, word by word through a bounded word cache (the word-split path of
// prepare.ts). Used in the calling thread (js-tokenizer.ts) and, from its source, in each worker thread.
import type { WordEncoder } from './word-bpe.js';

/** Sizes of the word cache. All bounds are hard: the cache is emptied when one is reached. */
export interface WordCacheLimits {
  /** Words cached at most. */
  entries: number;
  /** Ids held by all cached words together (one Int32Array of this length). */
  ids: number;
  /** Longer words (in UTF-16 units) are encoded every time, never cached. */
  maxChars: number;
  /** UTF-16 units of all cached words together (one Uint16Array of this length). */
  chars: number;
}

/** Appends a text's ids to a growing buffer; the whole batch is then one array (no array per text). */
export interface WordSplitEncoder {
  /** Encodes `text` after the ids already appended; returns how many ids it added. */
  append(text: string): number;
  /** The ids appended since the last take, as one array of their own; empties the buffer. */
  take(): Int32Array;
  /** Words, ids and characters in the cache now (for tests and diagnostics). */
  cached(): { entries: number; ids: number; chars: number };
}

/**
 * Cuts text into the words the normalizer and BPE see, without building the normalized text: `▁` is put
 * before the text and every space becomes `▁`, and a word starts at each run of `▁` that follows another
 * character, so a word is a run of spaces (or literal `▁`) and then a run of other characters. Each word
 * is looked up in the cache by its raw text (the first word with the prepended space), and encoded (with
 * its spaces as `▁`) only on a miss.
 *
 * The cache is an open-addressing hash table over typed arrays: a word's characters (in one Uint16Array),
 * its ids (in one Int32Array) and a slot per word, found by a hash computed during the scan that finds the
 * word's end and compared character by character with the text. A hit makes no string and no object (a
 * Map keyed by words cut out of the text made both for every word: half a worker's time in a profile, and most of its heap), and
 * memory is fixed by the limits: 262,144 words take ~18 MB, against ~50 MB of heap for a Map of 160,000.
 *
 * Self-contained (worker-threads.ts evaluates its source in each worker): no outer names but globals.
 */
export function createWordSplitEncoder(encodeWord: WordEncoder, limits: WordCacheLimits): WordSplitEncoder {
  const SPACE = 0x20;
  const MARK = 0x2581; // ▁
  const maxEntries = Math.max(1, limits.entries);
  const maxIds = Math.max(1, limits.ids);
  const maxChars = Math.max(1, limits.chars);
  const wordChars = Math.min(limits.maxChars, 255);
  // At most half full, so probe runs stay short.
  let slots = 2;
  while (slots < maxEntries * 2) slots *= 2;
  const mask = slots - 1;
  const slotEntry = new Int32Array(slots).fill(-1);
  const slotHash = new Int32Array(slots);
  const keyStart = new Int32Array(maxEntries);
  const keyLength = new Uint8Array(maxEntries);
  const idStart = new Int32Array(maxEntries);
  const idCount = new Uint8Array(maxEntries);
  const keys = new Uint16Array(maxChars);
  const arena = new Int32Array(maxIds);
  let entries = 0;
  let idsUsed = 0;
  let charsUsed = 0;
  let buf = new Int32Array(1 << 14);
  let used = 0;

  const reserve = (n: number) => {
    if (used + n <= buf.length) return;
    const grown = new Int32Array(Math.max(used + n, buf.length * 2));
    grown.set(buf.subarray(0, used));
    buf = grown;
  };
  const clear = () => {
    slotEntry.fill(-1);
    entries = idsUsed = charsUsed = 0;
  };
  // The word is text[start, end), after a virtual leading space when `lead` (the prepended `▁`); `hash`
  // covers exactly those characters.
  const word = (text: string, start: number, end: number, lead: boolean, hash: number) => {
    const length = end - start + (lead ? 1 : 0);
    let slot = hash & mask;
    if (length <= wordChars) {
      for (let e = slotEntry[slot]!; e !== -1; slot = (slot + 1) & mask, e = slotEntry[slot]!) {
        if (slotHash[slot] !== hash || keyLength[e] !== length) continue;
        let k = keyStart[e]!;
        if (lead && keys[k++] !== SPACE) continue;
        let i = start;
        while (i < end && keys[k] === text.charCodeAt(i)) {
          k++;
          i++;
        }
        if (i < end) continue;
        const count = idCount[e]!;
        const at = idStart[e]!;
        reserve(count);
        // A loop, not set(subarray()): words are a few ids, and a subarray is an object per word.
        for (let j = 0; j < count; j++) buf[used + j] = arena[at + j]!;
        used += count;
        return;
      }
    }
    const key = lead ? ` ${text.slice(start, end)}` : text.slice(start, end);
    const ids = encodeWord(key.replaceAll(' ', '\u2581'));
    reserve(ids.length);
    buf.set(ids, used);
    used += ids.length;
    // Too long to cache at all (even in an empty cache).
    if (length > wordChars || length > maxChars || ids.length > 255 || ids.length > maxIds) return;
    if (entries >= maxEntries || idsUsed + ids.length > maxIds || charsUsed + length > maxChars) {
      clear();
      slot = hash & mask;
    }
    while (slotEntry[slot] !== -1) slot = (slot + 1) & mask;
    const e = entries++;
    slotEntry[slot] = e;
    slotHash[slot] = hash;
    keyStart[e] = charsUsed;
    keyLength[e] = length;
    for (let j = 0; j < length; j++) keys[charsUsed + j] = key.charCodeAt(j);
    charsUsed += length;
    idStart[e] = idsUsed;
    idCount[e] = ids.length;
    arena.set(ids, idsUsed);
    idsUsed += ids.length;
  };

  return {
    append(text) {
      const before = used;
      const n = text.length;
      let start = 0;
      while (start < n) {
        // FNV-1a over the word's characters, computed while looking for its end.
        let hash = start === 0 ? Math.imul(0x811c9dc5 ^ SPACE, 0x01000193) : 0x811c9dc5;
        let i = start;
        let c = text.charCodeAt(i);
        while (i < n && (c === SPACE || c === MARK)) {
          hash = Math.imul(hash ^ c, 0x01000193);
          c = text.charCodeAt(++i);
        }
        while (i < n && c !== SPACE && c !== MARK) {
          hash = Math.imul(hash ^ c, 0x01000193);
          c = text.charCodeAt(++i);
        }
        // The first word carries the prepended `▁`; in the key it is a space, like the others.
        word(text, start, i, start === 0, hash);
        start = i;
      }
      return used - before;
    },
    take() {
      const out = buf.slice(0, used);
      used = 0;
      return out;
    },
    cached() {
      return { entries, ids: idsUsed, chars: charsUsed };
    },
  };
}

// Pure: SentencePiece-style text → ids, word by word through a bounded word cache (the word-split path of
// prepare.ts). Used in the calling thread (js-tokenizer.ts) and, from its source, in each worker thread.
import type { WordEncoder } from './word-bpe.js';

/** Sizes of the word cache. Both bounds are hard: the cache is emptied when either is reached. */
export interface WordCacheLimits {
  /** Words cached at most. */
  entries: number;
  /** Ids held by all cached words together (one Int32Array of this length). */
  ids: number;
  /** Longer words (in UTF-16 units) are encoded every time, never cached. */
  maxChars: number;
}

/** Appends a text's ids to a growing buffer; the whole batch is then one array (no array per text). */
export interface WordSplitEncoder {
  /** Encodes `text` after the ids already appended; returns how many ids it added. */
  append(text: string): number;
  /** The ids appended since the last take, as one array of their own; empties the buffer. */
  take(): Int32Array;
  /** Words and ids in the cache now (for tests and diagnostics). */
  cached(): { entries: number; ids: number };
}

/**
 * Cuts text into the words the normalizer and BPE see, without building the normalized text: `▁` is put
 * before the text and every space becomes `▁`, and a word starts at each run of `▁` that follows another
 * character, so a word is a run of spaces (or literal `▁`) and then a run of other characters. Each word
 * is looked up in the cache by its raw text (the first word with the prepended space), and encoded (with
 * its spaces as `▁`) only on a miss.
 *
 * The cache maps a word to one small integer, where its ids start in a shared Int32Array and how many
 * there are, so memory is bounded in words and in ids, with no array object per word. A missed word's
 * key is copied before it is kept: a substring of a long text can be a view into that text, and a cache of
 * such views would keep whole texts alive (measured: ~15 times the heap of the copied keys).
 *
 * Self-contained (worker-threads.ts evaluates its source in each worker): no outer names but globals.
 */
export function createWordSplitEncoder(encodeWord: WordEncoder, limits: WordCacheLimits): WordSplitEncoder {
  const SPACE = 0x20;
  const MARK = 0x2581; // ▁
  // A cache value is start * 256 + count; counts stay below 256 (a word of at most 64 UTF-16 units has
  // at most 3 byte-fallback ids per unit), and start * 256 stays a small integer for arenas up to 2^22.
  const maxIds = Math.min(limits.ids, 1 << 22);
  const cache = new Map<string, number>();
  const arena = new Int32Array(maxIds);
  let arenaUsed = 0;
  let buf = new Int32Array(1 << 14);
  let used = 0;

  const reserve = (n: number) => {
    if (used + n <= buf.length) return;
    const grown = new Int32Array(Math.max(used + n, buf.length * 2));
    grown.set(buf.subarray(0, used));
    buf = grown;
  };
  const put = (ids: Int32Array) => {
    reserve(ids.length);
    buf.set(ids, used);
    used += ids.length;
  };
  const word = (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      const count = hit & 255;
      const start = (hit - count) / 256;
      reserve(count);
      // A loop, not set(subarray()): words are a few ids, and a subarray is an object per word.
      for (let k = 0; k < count; k++) buf[used + k] = arena[start + k]!;
      used += count;
      return;
    }
    const ids = encodeWord(key.replaceAll(' ', '\u2581'));
    put(ids);
    if (key.length > limits.maxChars || ids.length > 255) return;
    if (cache.size >= limits.entries || arenaUsed + ids.length > maxIds) {
      cache.clear();
      arenaUsed = 0;
    }
    arena.set(ids, arenaUsed);
    // `(' ' + key).slice(1)` is a flat copy of the key (see above).
    cache.set(key.length >= 13 ? ` ${key}`.slice(1) : key, arenaUsed * 256 + ids.length);
    arenaUsed += ids.length;
  };

  return {
    append(text) {
      const before = used;
      const n = text.length;
      let start = 0;
      while (start < n) {
        let i = start;
        let c = text.charCodeAt(i);
        while (i < n && (c === SPACE || c === MARK)) c = text.charCodeAt(++i);
        while (i < n && c !== SPACE && c !== MARK) c = text.charCodeAt(++i);
        // The first word carries the prepended `▁`; in the key it is a space, like the others.
        word(start === 0 ? ` ${text.slice(0, i)}` : text.slice(start, i));
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
      return { entries: cache.size, ids: arenaUsed };
    },
  };
}

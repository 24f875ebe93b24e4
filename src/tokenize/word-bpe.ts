// Pure: byte-pair encoding of one word with integer tables, for the word-split path (prepare.ts). It gives
// the ids @huggingface/tokenizers' BPE model gives for the same word (tested on a large varied sample), at
// a fraction of the cost: pairs are looked up by the two ids as one number instead of a JSON string, and
// the merge loop works on typed arrays instead of allocating a node per merge. It also needs only the
// vocabulary and the merges, not a whole tokenizer, which keeps each worker thread small.
import type { TokenizerJson } from './prepare.js';

export type WordEncoder = (word: string) => Int32Array;

/**
 * An encoder for one word (a piece of normalized text between `▁` runs), or undefined when the model is
 * not a plain BPE this code reproduces (then the library's model is used).
 */
export function createWordEncoder(json: TokenizerJson): WordEncoder | undefined {
  // Self-contained (worker-threads.ts evaluates its source in each worker): no outer names but globals.
  /** Words longer than this use the heap (O(n log n)); shorter ones a scan per merge, faster when short. */
  const SCAN_MAX = 96;
  const m = json.model;
  if (m?.type !== 'BPE' || m.dropout || m.ignore_merges) return undefined;
  if (m.end_of_word_suffix || m.continuing_subword_prefix || m.continuing_subword_suffix) return undefined;
  const vocabJson = m.vocab;
  if (!vocabJson || Array.isArray(vocabJson) || !Array.isArray(m.merges)) return undefined;
  const vocab = new Map<string, number>(Object.entries(vocabJson));
  let size = 0;
  for (const id of vocab.values()) {
    if (!Number.isInteger(id) || id < 0) return undefined;
    if (id >= size) size = id + 1;
  }
  // (left id, right id) → merge rank; the merged piece's id by rank. As the library does, a merge listed
  // twice keeps its last rank.
  const rankOf = new Map<number, number>();
  const merged = new Int32Array(m.merges.length);
  for (let r = 0; r < m.merges.length; r++) {
    const entry = m.merges[r] as unknown;
    const [a, b] = Array.isArray(entry) ? (entry as string[]) : String(entry).split(' ', 2);
    if (a === undefined || b === undefined) return undefined;
    const ia = vocab.get(a);
    const ib = vocab.get(b);
    const iab = vocab.get(a + b);
    // A merge whose parts or result are not pieces cannot be replayed on ids: leave it to the library.
    if (ia === undefined || ib === undefined || iab === undefined) return undefined;
    rankOf.set(ia * size + ib, r);
    merged[r] = iab;
  }
  const unkToken = typeof m.unk_token === 'string' ? m.unk_token : undefined;
  const unk = unkToken === undefined ? undefined : vocab.get(unkToken);
  if (unkToken !== undefined && unk === undefined) return undefined;
  const byteFallback = m.byte_fallback === true;
  const fuseUnk = m.fuse_unk === true;
  const byteIds = new Int32Array(256).fill(-1);
  let allBytes = true;
  for (let b = 0; b < 256; b++) {
    const id = vocab.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    if (id === undefined) allBytes = false;
    else byteIds[b] = id;
  }
  const utf8 = new TextEncoder();
  // Ids of single characters (code points), looked up once per character.
  const charIds = new Map<string, number>();
  const charId = (c: string): number => {
    let id = charIds.get(c);
    if (id === undefined) {
      id = vocab.get(c) ?? -1;
      charIds.set(c, id);
    }
    return id;
  };

  let ids = new Int32Array(64);
  let chars: string[] = [];
  let next = new Int32Array(64);
  let prev = new Int32Array(64);
  let ranks = new Int32Array(64);
  const out: number[] = [];
  const NONE = 0x7fffffff;
  const pairRank = (i: number): number => {
    const j = next[i]!;
    if (j < 0 || ids[i]! < 0 || ids[j]! < 0) return NONE;
    return rankOf.get(ids[i]! * size + ids[j]!) ?? NONE;
  };
  const mergeAt = (i: number) => {
    const j = next[i]!;
    ids[i] = merged[ranks[i]!]!;
    next[i] = next[j]!;
    if (next[j]! >= 0) prev[next[j]!] = i;
    ids[j] = -2; // removed
  };

  return (word: string): Int32Array => {
    // Characters and their ids (-1: not a piece).
    chars = Array.from(word);
    const n = chars.length;
    if (n > ids.length) {
      const cap = Math.max(n, ids.length * 2);
      ids = new Int32Array(cap);
      next = new Int32Array(cap);
      prev = new Int32Array(cap);
      ranks = new Int32Array(cap);
    }
    for (let i = 0; i < n; i++) {
      ids[i] = charId(chars[i]!);
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    for (let i = 0; i < n; i++) ranks[i] = pairRank(i);
    if (n <= SCAN_MAX) {
      // Lowest rank first; on equal ranks the leftmost pair (the library's tie-break by position).
      for (;;) {
        let best = -1;
        let bestRank = NONE;
        for (let i = 0; i >= 0; i = next[i]!) {
          if (ranks[i]! < bestRank) {
            bestRank = ranks[i]!;
            best = i;
          }
        }
        if (best < 0) break;
        mergeAt(best);
        ranks[best] = pairRank(best);
        if (prev[best]! >= 0) ranks[prev[best]!] = pairRank(prev[best]!);
      }
    } else {
      heapMerge(n);
    }
    out.length = 0;
    // fuse_unk: a run of unknown pieces becomes one unk, as the library fuses them.
    let lastUnk = false;
    const emitUnk = () => {
      if (unk === undefined) return;
      if (!(fuseUnk && lastUnk)) out.push(unk);
      lastUnk = true;
    };
    for (let i = 0; i >= 0; i = next[i]!) {
      const id = ids[i]!;
      if (id >= 0) {
        if (id === unk) emitUnk();
        else {
          out.push(id);
          lastUnk = false;
        }
        continue;
      }
      // An unknown character (merges only ever join known pieces): its UTF-8 bytes as <0xXX> pieces when
      // every one of them is a piece, else unk.
      const bytes = byteFallback ? utf8.encode(chars[i]!) : undefined;
      if (bytes && (allBytes || bytes.every((b) => byteIds[b]! >= 0))) {
        for (const b of bytes) out.push(byteIds[b]!);
        lastUnk = false;
      } else emitUnk();
    }
    return Int32Array.from(out);
  };

  /** The same merges in the same order, for long words: a binary heap of (rank, position), stale entries skipped. */
  function heapMerge(n: number) {
    const heapRank: number[] = [];
    const heapPos: number[] = [];
    const less = (a: number, b: number) =>
      heapRank[a]! < heapRank[b]! || (heapRank[a] === heapRank[b] && heapPos[a]! < heapPos[b]!);
    const swap = (a: number, b: number) => {
      const r = heapRank[a]!;
      heapRank[a] = heapRank[b]!;
      heapRank[b] = r;
      const p = heapPos[a]!;
      heapPos[a] = heapPos[b]!;
      heapPos[b] = p;
    };
    const push = (rank: number, pos: number) => {
      heapRank.push(rank);
      heapPos.push(pos);
      let k = heapRank.length - 1;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!less(k, parent)) break;
        swap(k, parent);
        k = parent;
      }
    };
    const pop = () => {
      const last = heapRank.length - 1;
      swap(0, last);
      heapRank.pop();
      heapPos.pop();
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let s = k;
        if (l < heapRank.length && less(l, s)) s = l;
        if (r < heapRank.length && less(r, s)) s = r;
        if (s === k) break;
        swap(k, s);
        k = s;
      }
    };
    for (let i = 0; i < n; i++) if (ranks[i]! !== NONE) push(ranks[i]!, i);
    while (heapRank.length > 0) {
      const rank = heapRank[0]!;
      const i = heapPos[0]!;
      pop();
      // Stale: the node was merged away, or its pair changed since this entry was pushed.
      if (ids[i]! === -2 || ranks[i] !== rank) continue;
      mergeAt(i);
      ranks[i] = pairRank(i);
      if (ranks[i]! !== NONE) push(ranks[i]!, i);
      const p = prev[i]!;
      if (p >= 0) {
        ranks[p] = pairRank(p);
        if (ranks[p]! !== NONE) push(ranks[p]!, p);
      }
    }
  }
}

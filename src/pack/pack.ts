// Pure: packing of tokenized examples into fixed-length rows with seqio's feature names and semantics.
import type { TokenizedExample } from '../tokenize/types.js';
import {
  decoderLength,
  type PackedRow,
  type PackOptions,
  type PackOptionsInput,
  PackOptionsSchema,
  type TextField,
} from './options.js';

export interface SpecialIds {
  eosId: number;
  /** Padding, and the id shifted into decoder_input_tokens at each segment start (seqio: 0). */
  padId: number;
}

/** Counters the packer fills in as it goes (for the manifest and stats). */
export interface PackReport {
  examples: number;
  rows: number;
  /** Examples whose inputs / targets were cut to fit (still ending in EOS). */
  truncatedInputs: number;
  truncatedTargets: number;
}

export function emptyPackReport(): PackReport {
  return { examples: 0, rows: 0, truncatedInputs: 0, truncatedTargets: 0 };
}

/**
 * An example ready to place: its ids cut to leave room for EOS (EOS itself is written into the row, so
 * no per-example copy is made), the kept text fields, and its sizes `a`/`b` in the row's two dimensions
 * (EOS included). The ids may be views of the tokenizer's batch buffers; the best-fit window copies those
 * of examples that stay pending long (see Window.compact), so it never keeps many batches alive.
 */
export interface PackItem {
  /** Input ids without EOS, at most the input room minus one. */
  inputs: Int32Array;
  /** Target ids without EOS, at most the target room minus one. */
  targets: Int32Array;
  a: number;
  b: number;
  /** Window generation the example arrived in; -1 once its ids are its own copies. */
  gen: number;
  /** Arrival number, for deterministic tie-breaking and in-row order. */
  seq: number;
  /** Values of the kept text fields (PackOptions.keep), in that order. */
  text?: string[];
}

/** `ids` cut to `max - 1` tokens, then EOS: the sequence always ends in EOS and never exceeds `max`. */
export function appendEos(ids: Int32Array, max: number, eosId: number): Int32Array {
  const n = Math.min(ids.length, max - 1);
  const out = new Int32Array(n + 1);
  out.set(n === ids.length ? ids : ids.subarray(0, n));
  out[n] = eosId;
  return out;
}

/** Capacities of a row in its two dimensions: enc-dec (inputs, targets); decoder-only (length, 0). */
export function capacities(o: PackOptions): [number, number] {
  return o.layout === 'enc-dec' ? [o.inputLength, o.targetLength] : [decoderLength(o), 0];
}

/**
 * Appends EOS and cuts. enc-dec: inputs to inputLength, targets to targetLength (seqio's
 * append_eos_after_trim). decoder-only: the same, then inputs shortened further if inputs + targets
 * would exceed the row length (targets keep at most length - 1 so at least the inputs' EOS fits).
 */
export function prepareItem(
  example: TokenizedExample,
  seq: number,
  o: PackOptions,
  report?: PackReport,
): PackItem {
  let tMax = o.targetLength;
  let iMax = o.inputLength;
  if (o.layout === 'decoder-only' && o.packer !== 'none') {
    const L = decoderLength(o);
    tMax = Math.min(tMax, L - 1);
    const t = Math.min(example.targets.length + 1, tMax);
    iMax = Math.min(iMax, L - t);
  }
  const inputs = cut(example.inputs, iMax - 1);
  const targets = cut(example.targets, tMax - 1);
  if (report) {
    report.examples++;
    if (inputs.length < example.inputs.length) report.truncatedInputs++;
    if (targets.length < example.targets.length) report.truncatedTargets++;
  }
  const enc = o.layout === 'enc-dec';
  // Sizes with EOS.
  const na = inputs.length + 1;
  const nb = targets.length + 1;
  return {
    ...(o.keep.length > 0 ? { text: o.keep.map((f) => textValue(example, f)) } : {}),
    inputs,
    targets,
    a: enc ? na : na + nb,
    b: enc ? nb : 0,
    gen: 0,
    seq,
  };
}

function cut(ids: Int32Array, max: number): Int32Array {
  return ids.length <= max ? ids : ids.subarray(0, max);
}

// ---------------------------------------------------------------------------------------------------
// Row assembly

function textValue(example: TokenizedExample, field: TextField): string {
  const r = example.record;
  switch (field) {
    case 'inputs_pretokenized':
      return r.inputs;
    case 'targets_pretokenized':
      return r.targets;
    case 'template':
      return r.template === null ? '' : String(r.template);
    default:
      return r[field];
  }
}

function addText(row: PackedRow, items: readonly PackItem[], keep: readonly TextField[]): PackedRow {
  keep.forEach((field, k) => {
    row[field] = items.map((it) => it.text![k]!);
  });
  return row;
}

/** A tuple of N Int32Arrays (the row builders' features, by position). */
type Ints<N extends number, R extends Int32Array[] = []> = R['length'] extends N
  ? R
  : Ints<N, [Int32Array, ...R]>;

/** Lengths of a row's int features, in the order the row builders take them. */
function rowLengths(o: PackOptions): number[] {
  if (o.layout === 'enc-dec') {
    const [a, b] = [o.inputLength, o.targetLength];
    return [a, a, a, b, b, b, b, b];
  }
  return new Array<number>(6).fill(decoderLength(o));
}

/**
 * The int features of one row as views of one zeroed buffer: one allocation per row instead of one per
 * feature (typed-array backing stores are costly to allocate and collect by the hundred thousand).
 */
function rowArrays(lengths: readonly number[]): Int32Array[] {
  let total = 0;
  for (const n of lengths) total += n;
  const buf = new Int32Array(total);
  let at = 0;
  return lengths.map((n) => {
    const a = buf.subarray(at, at + n);
    at += n;
    return a;
  });
}

/** Zeroes the buffer behind rowArrays' views, for the next row. */
function clearRow(arrays: readonly Int32Array[]): void {
  const first = arrays[0]!;
  new Int32Array(first.buffer, first.byteOffset, (first.buffer.byteLength - first.byteOffset) >> 2).fill(0);
}

/** One enc-dec row (EncDecFeatureConverter, pack=True) from segments in order. */
export function encDecRow(
  items: readonly PackItem[],
  o: PackOptions,
  ids: SpecialIds,
  arrays: Int32Array[] = rowArrays(rowLengths(o)),
): PackedRow {
  const [encTokens, encSeg, encPos, decTarget, decInput, decWeights, decSeg, decPos] = arrays as Ints<8>;
  if (ids.padId !== 0) {
    encTokens.fill(ids.padId);
    decTarget.fill(ids.padId);
    decInput.fill(ids.padId);
  }
  let p = 0;
  let q = 0;
  for (let s = 0; s < items.length; s++) {
    const { inputs, targets } = items[s]!;
    const seg = s + 1;
    const na = inputs.length + 1;
    const nb = targets.length + 1;
    encTokens.set(inputs, p);
    encTokens[p + na - 1] = ids.eosId;
    for (let k = 0; k < na; k++) {
      encSeg[p + k] = seg;
      encPos[p + k] = k;
    }
    p += na;
    decTarget.set(targets, q);
    decTarget[q + nb - 1] = ids.eosId;
    decInput.set(targets, q + 1);
    decInput[q] = ids.padId;
    for (let k = 0; k < nb; k++) {
      decSeg[q + k] = seg;
      decPos[q + k] = k;
      decWeights[q + k] = 1;
    }
    q += nb;
  }
  return addText(
    {
      encoder_input_tokens: encTokens,
      encoder_segment_ids: encSeg,
      encoder_positions: encPos,
      decoder_target_tokens: decTarget,
      decoder_input_tokens: decInput,
      decoder_loss_weights: decWeights,
      decoder_segment_ids: decSeg,
      decoder_positions: decPos,
    },
    items,
    o.keep,
  );
}

/** One decoder-only prefix-LM row (PrefixLMFeatureConverter, pack=True, loss on targets only). */
export function decoderOnlyRow(
  items: readonly PackItem[],
  o: PackOptions,
  ids: SpecialIds,
  arrays: Int32Array[] = rowArrays(rowLengths(o)),
): PackedRow {
  const [target, input, weights, seg, pos, causal] = arrays as Ints<6>;
  if (ids.padId !== 0) {
    target.fill(ids.padId);
    input.fill(ids.padId);
  }
  let p = 0;
  for (let s = 0; s < items.length; s++) {
    const { inputs, targets } = items[s]!;
    const id = s + 1;
    const na = inputs.length + 1;
    const n = na + targets.length + 1;
    target.set(inputs, p);
    target[p + na - 1] = ids.eosId;
    target.set(targets, p + na);
    target[p + n - 1] = ids.eosId;
    input.set(target.subarray(p, p + n - 1), p + 1);
    input[p] = ids.padId;
    for (let k = 0; k < n; k++) {
      seg[p + k] = id;
      pos[p + k] = k;
      if (k >= na) weights[p + k] = 1;
      // Fully visible over the inputs and one position more (where the inputs' EOS is read).
      if (k <= na) causal[p + k] = 1;
    }
    p += n;
  }
  return addText(
    {
      decoder_target_tokens: target,
      decoder_input_tokens: input,
      decoder_loss_weights: weights,
      decoder_segment_ids: seg,
      decoder_positions: pos,
      decoder_causal_attention: causal,
    },
    items,
    o.keep,
  );
}

/** The unpacked form (packer none): seqio's task features, variable length, EOS included. */
export function singleRow(item: PackItem, o: PackOptions, ids: SpecialIds): PackedRow {
  const withEos = (x: Int32Array) => appendEos(x, x.length + 1, ids.eosId);
  return addText({ inputs: withEos(item.inputs), targets: withEos(item.targets) }, [item], o.keep);
}

// ---------------------------------------------------------------------------------------------------
// Placement

/**
 * Greedy next-fit exactly as seqio's `_pack_with_tf_ops`: examples in arrival order are appended to the
 * open row while every feature still fits, otherwise the row is closed and a new one started; seqio
 * packs `padded_batch`es of max(lengths) examples independently, so the open row is also closed every
 * max(lengths) examples.
 */
export async function* greedyBins(
  items: AsyncIterable<PackItem>,
  caps: [number, number],
): AsyncGenerator<PackItem[]> {
  const [La, Lb] = caps;
  const batch = Math.max(La, Lb);
  let open: PackItem[] = [];
  let ra = La;
  let rb = Lb;
  let inBatch = 0;
  for await (const it of items) {
    if (inBatch === batch) {
      if (open.length) yield open;
      open = [];
      ra = La;
      rb = Lb;
      inBatch = 0;
    }
    if (it.a > ra || it.b > rb) {
      if (open.length) yield open;
      open = [];
      ra = La;
      rb = Lb;
    }
    open.push(it);
    ra -= it.a;
    rb -= it.b;
    inBatch++;
  }
  if (open.length) yield open;
}

/**
 * The window of pending examples, indexed for the best-fit query: for each target size b (0 for the
 * decoder-only layout, whose rows have one dimension), the distinct input sizes a present, ascending,
 * each with its examples in arrival order.
 */
class Window {
  size = 0;
  sumA = 0;
  sumB = 0;
  /** Bumped at each refill; arrivals are stamped with it. */
  generation = 0;
  private readonly sizesByB: number[][];
  private readonly cells: Map<number, PackItem[]>[];

  constructor(readonly Lb: number) {
    this.sizesByB = Array.from({ length: Lb + 1 }, () => []);
    this.cells = Array.from({ length: Lb + 1 }, () => new Map());
  }

  add(it: PackItem) {
    it.gen = this.generation;
    const cell = this.cells[it.b]!;
    const q = cell.get(it.a);
    if (q) q.push(it);
    else {
      cell.set(it.a, [it]);
      const sizes = this.sizesByB[it.b]!;
      sizes.splice(upperBound(sizes, it.a), 0, it.a);
    }
    this.size++;
    this.sumA += it.a;
    this.sumB += it.b;
  }

  take(a: number, b: number): PackItem {
    const cell = this.cells[b]!;
    const q = cell.get(a)!;
    const it = q.shift()!;
    if (q.length === 0) {
      cell.delete(a);
      const sizes = this.sizesByB[b]!;
      sizes.splice(upperBound(sizes, a) - 1, 1);
    }
    this.size--;
    this.sumA -= it.a;
    this.sumB -= it.b;
    return it;
  }

  /**
   * Gives examples that have waited through two refills their own copies of their ids. Until then they
   * are views of the tokenizer's batch buffers, so only the batches of the last two refills are kept
   * alive (a few MB) however long some hard-to-place example waits, and the copy is paid by the few
   * examples that wait, not by all.
   */
  compact() {
    this.generation++;
    const old = this.generation - 2;
    for (const cell of this.cells)
      for (const q of cell.values())
        for (const it of q)
          if (it.gen >= 0 && it.gen <= old) {
            it.inputs = it.inputs.slice();
            it.targets = it.targets.slice();
            it.gen = -1;
          }
  }

  /** Input sizes present with target size b (ascending). */
  sizes(b: number): number[] {
    return this.sizesByB[b]!;
  }
}

/** First index whose value is > x in an ascending array. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Weight of the non-binding (target) dimension in the distance to the goal; tuned on the synthetic mixture. */
const TARGET_WEIGHT = 4;

/**
 * Best fit within a window, one row at a time. Up to `window` pending examples are kept; a row is filled
 * by repeatedly taking the pending example that brings it closest to "full", until none fits; then the
 * row is emitted, and once half the window has been used it is filled up again from the stream. In one dimension (decoder-only) "closest to full"
 * is simply the largest example that fits, so each row starts with the largest pending example (best-fit
 * decreasing, row by row). With two dimensions (enc-dec inputs and targets) a full row is rarely full in
 * both, so the goal is the binding dimension full and the other at the window's own input:target ratio,
 * and the distance is |Δinputs|/goal + 4·|Δtargets|/goal: a row that runs out of target room while its
 * inputs are half empty is what this avoids (classic two-dimensional best-fit decreasing left ~12% of
 * input slots empty on the synthetic FLAN mixture; this leaves 2.3%, of which 1.9% are rows whose one
 * example already fills the targets). Ties go to the larger example, then the older one. An example can
 * stay pending for a while, so rows are only roughly in stream order. Memory: window examples and one
 * row. Deterministic.
 */
export async function* bestFitBins(
  items: AsyncIterable<PackItem>,
  caps: [number, number],
  window: number,
): AsyncGenerator<PackItem[]> {
  const [La, Lb] = caps;
  const pending = new Window(Lb);
  const source = items[Symbol.asyncIterator]();
  let done = false;
  const refill = async () => {
    pending.compact();
    while (!done && pending.size < window) {
      const r = await source.next();
      if (r.done) done = true;
      else pending.add(r.value);
    }
  };
  await refill();
  while (pending.size > 0) {
    // The goal of this row: the binding dimension full, the other in the window's proportion.
    const ratio = pending.sumA > 0 ? pending.sumB / pending.sumA : 0;
    const goalA = Lb > 0 && ratio * La > Lb ? Lb / ratio : La;
    const goalB = Lb > 0 ? Math.min(Lb, ratio * La) : 0;
    const row: PackItem[] = [];
    let ra = La;
    let rb = Lb;
    for (;;) {
      // Residual room to the goal in each dimension (may be negative past the goal).
      const ta = ra - (La - goalA);
      const tb = rb - (Lb - goalB);
      let bestScore = Number.POSITIVE_INFINITY;
      let bestA = -1;
      let bestB = -1;
      const consider = (b: number, db: number) => {
        const sizes = pending.sizes(b);
        if (sizes.length === 0) return;
        // Candidates: the largest a ≤ min(ra, ta) and the smallest a > ta (still ≤ ra).
        const below = upperBound(sizes, Math.min(ra, Math.floor(ta))) - 1;
        for (let k = below; k <= below + 1; k++) {
          if (k < 0 || k >= sizes.length) continue;
          const a = sizes[k]!;
          if (a > ra) continue;
          const score = Math.abs(ta - a) / goalA + db;
          if (score < bestScore || (score === bestScore && (a > bestA || (a === bestA && b > bestB)))) {
            bestScore = score;
            bestA = a;
            bestB = b;
          }
        }
      };
      if (Lb === 0) consider(0, 0);
      else {
        // Target sizes outward from the goal; stop once the target term alone cannot beat the best.
        const start = Math.max(0, Math.min(rb, Math.round(tb)));
        const dist = (b: number) => (TARGET_WEIGHT * Math.abs(tb - b)) / Math.max(goalB, 1);
        let lo = start;
        let hi = start + 1;
        while (lo >= 0 || hi <= rb) {
          const dLo = lo >= 0 ? dist(lo) : Number.POSITIVE_INFINITY;
          const dHi = hi <= rb ? dist(hi) : Number.POSITIVE_INFINITY;
          if (Math.min(dLo, dHi) > bestScore) break;
          if (dLo <= dHi) consider(lo--, dLo);
          else consider(hi++, dHi);
        }
      }
      if (bestA < 0) break;
      const it = pending.take(bestA, bestB);
      row.push(it);
      ra -= it.a;
      rb -= it.b;
    }
    yield row;
    // Refill only once half the window is used: refilling after every row lets hard-to-place examples
    // pile up in a window that then only ever offers the newest arrivals (96.2% vs 97.7% input fill).
    if (pending.size <= window / 2) await refill();
  }
}

// ---------------------------------------------------------------------------------------------------

async function* prepared(
  stream: AsyncIterable<TokenizedExample> | Iterable<TokenizedExample>,
  o: PackOptions,
  report?: PackReport,
): AsyncGenerator<PackItem> {
  let seq = 0;
  for await (const ex of stream) yield prepareItem(ex, seq++, o, report);
}

/** How rows are handed over (not part of the output: the rows' content is the same either way). */
export interface PackRuntime {
  /**
   * Every row's int features are the same buffers, overwritten when the next row is asked for. Only for
   * a consumer that is done with each row before pulling the next, as the shard writers are; it saves
   * allocating (and collecting) ~17 KB per row, which in a full build triggered most of the main
   * thread's garbage collections.
   */
  reuseRows?: boolean;
}

/**
 * Packs tokenized examples into rows (PackedRow: feature name → Int32Array, plus kept text fields as one
 * string per segment). EOS is appended to inputs and targets; over-long sequences are cut so they still
 * end in EOS. Segment ids count from 1 in each row, positions restart at 0 in each segment, padding is
 * `padId` with segment id, position and weights 0. Within a row, segments keep their arrival order.
 * Deterministic: same stream and options, same rows.
 */
export async function* packExamples(
  stream: AsyncIterable<TokenizedExample> | Iterable<TokenizedExample>,
  ids: SpecialIds,
  optionsInput: PackOptionsInput = {},
  report?: PackReport,
  runtime: PackRuntime = {},
): AsyncGenerator<PackedRow> {
  const o = PackOptionsSchema.parse(optionsInput);
  const items = prepared(stream, o, report);
  if (o.packer === 'none') {
    for await (const it of items) {
      if (report) report.rows++;
      yield singleRow(it, o, ids);
    }
    return;
  }
  const caps = capacities(o);
  const bins = o.packer === 'greedy' ? greedyBins(items, caps) : bestFitBins(items, caps, o.window);
  const build = o.layout === 'enc-dec' ? encDecRow : decoderOnlyRow;
  const lengths = rowLengths(o);
  const shared = runtime.reuseRows ? rowArrays(lengths) : undefined;
  for await (const bin of bins) {
    if (bin.length > 1) bin.sort((x, y) => x.seq - y.seq);
    if (report) report.rows++;
    if (shared) clearRow(shared);
    yield build(bin, o, ids, shared ?? rowArrays(lengths));
  }
}

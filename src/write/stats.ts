// Pure: statistics of packed rows, for stats.train.json (seqio's keys first, then packing figures).
import type { FeatureSpec, PackedRow } from '../pack/options.js';

export interface FeatureStats {
  /** Row length of the feature (null for variable-length lists). */
  length: number | null;
  /** Positions that belong to an example (segment id ≠ 0); for lists, all values. */
  tokens: number;
  /** tokens / (rows × length); null for variable-length features. */
  fill: number | null;
  /** Sum of the values, for 0/1 features (loss weights, causal attention). */
  sum?: number;
}

export interface PackStats {
  /** seqio's stats keys: examples, {inputs,targets}_tokens, {inputs,targets}_max_tokens (EOS included). */
  examples: number;
  inputs_tokens: number;
  targets_tokens: number;
  inputs_max_tokens: number;
  targets_max_tokens: number;
  rows: number;
  /** Share of input / target slots that hold tokens (enc-dec: encoder / decoder; decoder-only: both the row). */
  inputs_fill: number | null;
  targets_fill: number | null;
  /** decoder-only: share of the row holding any token. */
  row_fill?: number | null;
  features: Record<string, FeatureStats>;
}

function segmentLengths(seg: Int32Array, onLength: (segment: number, n: number) => void) {
  let cur = 0;
  let n = 0;
  for (let i = 0; i < seg.length; i++) {
    const s = seg[i]!;
    if (s !== cur) {
      if (cur !== 0) onLength(cur, n);
      cur = s;
      n = 0;
    }
    if (s !== 0) n++;
  }
  if (cur !== 0) onLength(cur, n);
}

/** Accumulates statistics over rows as they stream past (O(features) memory). */
export class RowStats {
  private rows = 0;
  private examples = 0;
  private inputsTokens = 0;
  private targetsTokens = 0;
  private inputsMax = 0;
  private targetsMax = 0;
  private readonly tokens = new Map<string, number>();
  private readonly sums = new Map<string, number>();

  constructor(private readonly specs: readonly FeatureSpec[]) {
    for (const s of specs) {
      if (s.dtype !== 'int32') continue;
      this.tokens.set(s.name, 0);
      if (s.kind === 'weights' || s.kind === 'mask') this.sums.set(s.name, 0);
    }
  }

  private bump(name: string, n: number) {
    this.tokens.set(name, (this.tokens.get(name) ?? 0) + n);
  }

  add(row: PackedRow): void {
    this.rows++;
    const inputs = row.inputs;
    if (inputs instanceof Int32Array) {
      const targets = row.targets as Int32Array;
      this.examples++;
      this.inputsTokens += inputs.length;
      this.targetsTokens += targets.length;
      this.inputsMax = Math.max(this.inputsMax, inputs.length);
      this.targetsMax = Math.max(this.targetsMax, targets.length);
      this.bump('inputs', inputs.length);
      this.bump('targets', targets.length);
      return;
    }
    const encSeg = row.encoder_segment_ids as Int32Array | undefined;
    const decSeg = row.decoder_segment_ids as Int32Array;
    const decNonPad = countNonZero(decSeg);
    if (encSeg) {
      const encNonPad = countNonZero(encSeg);
      let segments = 0;
      segmentLengths(encSeg, (s, n) => {
        segments = Math.max(segments, s);
        this.inputsMax = Math.max(this.inputsMax, n);
      });
      segmentLengths(decSeg, (_s, n) => {
        this.targetsMax = Math.max(this.targetsMax, n);
      });
      this.examples += segments;
      this.inputsTokens += encNonPad;
      this.targetsTokens += decNonPad;
      for (const s of this.specs) {
        if (s.dtype !== 'int32') continue;
        this.bump(s.name, s.name.startsWith('encoder') ? encNonPad : decNonPad);
      }
    } else {
      const weights = row.decoder_loss_weights as Int32Array;
      const targets = sumOf(weights);
      // Per segment: targets = weighted positions, inputs = the rest. Counted in one reused array indexed by
      // segment id (with a Map, one update per target token, this update was 5% of a decoder-only build's
      // main thread in a profile).
      let perSegTargets = this.segmentCounts(decSeg.length + 1);
      for (let i = 0; i < decSeg.length; i++) {
        if (!weights[i]) continue;
        const seg = decSeg[i]!;
        // Packed rows number segments 1..n; a row of someone else's may not, so grow for any id.
        if (seg >= perSegTargets.length) perSegTargets = this.grownCounts(seg + 1);
        if (seg >= 0) perSegTargets[seg]!++;
      }
      let segments = 0;
      segmentLengths(decSeg, (s, n) => {
        segments = Math.max(segments, s);
        const t = s < perSegTargets.length ? perSegTargets[s]! : 0;
        this.targetsMax = Math.max(this.targetsMax, t);
        this.inputsMax = Math.max(this.inputsMax, n - t);
      });
      this.examples += segments;
      this.inputsTokens += decNonPad - targets;
      this.targetsTokens += targets;
      for (const s of this.specs) if (s.dtype === 'int32') this.bump(s.name, decNonPad);
    }
    for (const name of this.sums.keys())
      this.sums.set(name, this.sums.get(name)! + sumOf(row[name] as Int32Array));
  }

  private counts = new Int32Array(0);

  /** A zeroed array of at least `n` counts, reused from row to row. */
  private segmentCounts(n: number): Int32Array {
    if (this.counts.length < n) this.counts = new Int32Array(n);
    this.counts.fill(0);
    return this.counts;
  }

  private grownCounts(n: number): Int32Array {
    const grown = new Int32Array(n);
    grown.set(this.counts);
    this.counts = grown;
    return grown;
  }

  /** Passes rows through unchanged while counting them. */
  async *observe(rows: AsyncIterable<PackedRow> | Iterable<PackedRow>): AsyncGenerator<PackedRow> {
    for await (const row of rows) {
      this.add(row);
      yield row;
    }
  }

  toJSON(): PackStats {
    const features: Record<string, FeatureStats> = {};
    for (const s of this.specs) {
      if (s.dtype !== 'int32') continue;
      const length = s.shape[0] ?? null;
      const tokens = this.tokens.get(s.name) ?? 0;
      const f: FeatureStats = { length, tokens, fill: length ? ratio(tokens, this.rows * length) : null };
      if (this.sums.has(s.name)) f.sum = this.sums.get(s.name)!;
      features[s.name] = f;
    }
    const enc = features.encoder_input_tokens;
    const dec = features.decoder_target_tokens;
    const out: PackStats = {
      examples: this.examples,
      inputs_tokens: this.inputsTokens,
      targets_tokens: this.targetsTokens,
      inputs_max_tokens: this.inputsMax,
      targets_max_tokens: this.targetsMax,
      rows: this.rows,
      inputs_fill: null,
      targets_fill: null,
      features,
    };
    if (enc && dec) {
      out.inputs_fill = enc.fill;
      out.targets_fill = dec.fill;
    } else if (dec?.length) {
      const slots = this.rows * dec.length;
      out.inputs_fill = ratio(this.inputsTokens, slots);
      out.targets_fill = ratio(this.targetsTokens, slots);
      out.row_fill = dec.fill;
    }
    return out;
  }
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function countNonZero(a: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}

function sumOf(a: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

// Pure: packed rows built from placed examples, with seqio's feature names and semantics.
import { appendEos, type PackItem, type SpecialIds } from './item.js';
import { decoderLength, type PackedRow, type PackOptions, type TextField } from './options.js';

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
export function rowLengths(o: PackOptions): number[] {
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
export function rowArrays(lengths: readonly number[]): Int32Array[] {
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
export function clearRow(arrays: readonly Int32Array[]): void {
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
  // With bos, each example is BOS, inputs, EOS, targets, EOS; the BOS counts as part of the inputs.
  const bos = o.bos ? 1 : 0;
  let p = 0;
  for (let s = 0; s < items.length; s++) {
    const { inputs, targets } = items[s]!;
    const id = s + 1;
    const na = bos + inputs.length + 1;
    const n = na + targets.length + 1;
    if (bos) target[p] = ids.bosId!;
    target.set(inputs, p + bos);
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

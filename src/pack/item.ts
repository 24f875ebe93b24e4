// Pure: an example made ready to place in a row (cut to its room, EOS accounted for, kept text chosen).
import type { TokenizedExample } from '../tokenize/types.js';
import { decoderLength, type PackOptions, type TextField } from './options.js';

export interface SpecialIds {
  eosId: number;
  /** Padding, and the id shifted into decoder_input_tokens at each segment start (seqio: 0). */
  padId: number;
  /** Written at the start of each decoder-only example with `bos` (PackOptions). */
  bosId?: number;
}

/** Counters the packer fills in as it goes (for the manifest and stats). */
export interface PackReport {
  examples: number;
  rows: number;
  /** Examples whose inputs / targets were cut to fit (still ending in EOS). */
  truncatedInputs: number;
  truncatedTargets: number;
  /**
   * Examples whose inputs / targets were longer than any row could hold and were cut before tokenizing
   * (they are counted as truncated too). Absent when none were, so ordinary reports keep their shape.
   */
  cutBeforeTokenizing?: { inputs: number; targets: number };
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
  const bos = o.bos && o.layout === 'decoder-only' && o.packer !== 'none' ? 1 : 0;
  if (o.layout === 'decoder-only' && o.packer !== 'none') {
    // The BOS takes one position of the row, before the inputs.
    const L = decoderLength(o) - bos;
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
  // Sizes with EOS (and BOS).
  const na = bos + inputs.length + 1;
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

/** The stream of examples as PackItems, numbered in arrival order. */
export async function* prepared(
  stream: AsyncIterable<TokenizedExample> | Iterable<TokenizedExample>,
  o: PackOptions,
  report?: PackReport,
): AsyncGenerator<PackItem> {
  let seq = 0;
  for await (const ex of stream) yield prepareItem(ex, seq++, o, report);
}

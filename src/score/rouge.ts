import { porterStem } from './porter.js';

// ROUGE-1, ROUGE-2 and ROUGE-Lsum F-measures as Google's rouge-score computes them with `use_stemmer=True`:
// its tokenizer (lower case, every run of characters outside [a-z0-9] becomes a space, tokens longer than three
// letters Porter-stemmed), n-gram overlap for ROUGE-N, and for ROUGE-Lsum the summary-level union LCS over
// sentences split on newlines. Scores are 0–1 per pair; a corpus score is the mean of the pairs' scores.

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

export const ROUGE_KEYS = ['rouge1', 'rouge2', 'rougeLsum'] as const;

/** rouge-score's default tokenizer with stemming. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '')
    .map((t) => (t.length > 3 ? porterStem(t) : t))
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N F-measure of one prediction against one reference. */
export function rougeN(reference: readonly string[], prediction: readonly string[], n: number): number {
  const ref = ngramCounts(reference, n);
  const pred = ngramCounts(prediction, n);
  let overlap = 0;
  for (const [gram, count] of ref) overlap += Math.min(count, pred.get(gram) ?? 0);
  const refTotal = Math.max(0, reference.length - n + 1);
  const predTotal = Math.max(0, prediction.length - n + 1);
  return fmeasure(overlap / Math.max(predTotal, 1), overlap / Math.max(refTotal, 1));
}

/** Indices into `ref` of one longest common subsequence with `can`, chosen as rouge-score's backtrack does. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const rows = ref.length + 1;
  const cols = can.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      table[i * cols + j] =
        ref[i - 1] === can[j - 1]
          ? table[(i - 1) * cols + j - 1]! + 1
          : Math.max(table[(i - 1) * cols + j]!, table[i * cols + j - 1]!);
    }
  }
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (table[i * cols + j - 1]! > table[(i - 1) * cols + j]!) j--;
    else i--;
  }
  return out.reverse();
}

function countTokens(sentences: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const t of s) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Summary-level ROUGE-L (ROUGE-Lsum) F-measure over tokenised sentences. */
export function rougeLsum(
  reference: readonly (readonly string[])[],
  prediction: readonly (readonly string[])[],
): number {
  const m = reference.reduce((n, s) => n + s.length, 0);
  const n = prediction.reduce((k, s) => k + s.length, 0);
  if (m === 0 || n === 0) return 0;
  const refLeft = countTokens(reference);
  const predLeft = countTokens(prediction);
  let hits = 0;
  for (const r of reference) {
    // The union of the LCS positions of this reference sentence with every predicted sentence.
    const union = new Set<number>();
    for (const p of prediction) for (const i of lcsIndices(r, p)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const t = r[i]!;
      // A token counts at most as often as it occurs on either side.
      if ((refLeft.get(t) ?? 0) > 0 && (predLeft.get(t) ?? 0) > 0) {
        hits++;
        refLeft.set(t, refLeft.get(t)! - 1);
        predLeft.set(t, predLeft.get(t)! - 1);
      }
    }
  }
  return fmeasure(hits / n, hits / m);
}

/** Lsum's sentences: the text split on newlines, empty lines dropped, each tokenised. */
function sentences(text: string): string[][] {
  return text
    .split('\n')
    .filter((s) => s !== '')
    .map(rougeTokens);
}

/** ROUGE-1/2/Lsum F-measures (0–1) of one prediction against one reference. */
export function rouge(reference: string, prediction: string): RougeScores {
  const ref = rougeTokens(reference);
  const pred = rougeTokens(prediction);
  return {
    rouge1: rougeN(ref, pred, 1),
    rouge2: rougeN(ref, pred, 2),
    rougeLsum: rougeLsum(sentences(reference), sentences(prediction)),
  };
}

/** Against several references, each ROUGE type takes its best reference (rouge-score's `score_multi`). */
export function rougeMax(references: readonly string[], prediction: string): RougeScores {
  const best: RougeScores = { rouge1: 0, rouge2: 0, rougeLsum: 0 };
  for (const r of references) {
    const s = rouge(r, prediction);
    for (const k of ROUGE_KEYS) best[k] = Math.max(best[k], s[k]);
  }
  return best;
}

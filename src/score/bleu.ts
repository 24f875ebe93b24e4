import { pyRstrip, pySplit } from './python-text.js';

// Corpus BLEU as sacrebleu computes it by default: 13a tokenization (mteval-v13a's), case kept, n-grams up to
// 4 clipped by the most any one reference holds, the closest reference length for the brevity penalty, and
// the `exp` smoothing (each n-gram order with no match counts as 1 / 2^k matches, k = 1, 2, … in turn).
// Statistics add up over sentences, so a corpus is scored in one pass.

const MAX_ORDER = 4;

const TOKEN_RULES: readonly [RegExp, string][] = [
  // Symbols and punctuation, except period and comma, become tokens of their own.
  [/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
  // Period and comma too, unless between digits.
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // A dash after a digit.
  [/([0-9])(-)/gu, '$1 $2 '],
];

/** sacrebleu's `13a` tokenizer. */
export function tokenize13a(line: string): string {
  let s = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (s.includes('&')) {
    s = s.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  s = ` ${s} `;
  for (const [re, to] of TOKEN_RULES) s = s.replace(re, to);
  return pySplit(s).join(' ');
}

function ngrams(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= MAX_ORDER; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      // n-grams of different orders never collide: the key holds n - 1 separators.
      const key = tokens.slice(i, i + n).join('\u0000');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** BLEU's sufficient statistics, summed over sentences. */
export interface BleuStats {
  sysLen: number;
  refLen: number;
  correct: number[];
  total: number[];
}

export function emptyBleuStats(): BleuStats {
  return { sysLen: 0, refLen: 0, correct: [0, 0, 0, 0], total: [0, 0, 0, 0] };
}

/** Adds one hypothesis and its references (one or more) to the statistics. */
export function addBleuSentence(stats: BleuStats, hypothesis: string, references: readonly string[]): void {
  const hyp = pySplit(tokenize13a(pyRstrip(hypothesis)));
  const refMax = new Map<string, number>();
  const refLens: number[] = [];
  for (const r of references) {
    const tokens = pySplit(tokenize13a(pyRstrip(r)));
    refLens.push(tokens.length);
    for (const [g, c] of ngrams(tokens)) refMax.set(g, Math.max(refMax.get(g) ?? 0, c));
  }
  // The closest reference length; on a tie, the shorter one.
  let closest = -1;
  let closestDiff = -1;
  for (const len of refLens) {
    const diff = Math.abs(hyp.length - len);
    if (closestDiff === -1 || diff < closestDiff || (diff === closestDiff && len < closest)) {
      closest = len;
      closestDiff = diff;
    }
  }
  stats.sysLen += hyp.length;
  stats.refLen += closest;
  for (const [g, c] of ngrams(hyp)) {
    const order = g.split('\u0000').length - 1;
    stats.total[order]! += c;
    stats.correct[order]! += Math.min(c, refMax.get(g) ?? 0);
  }
}

/** The BLEU score (0–100) of summed statistics, with sacrebleu's default `exp` smoothing. */
export function bleuScore(stats: BleuStats): number {
  const { sysLen, refLen, correct, total } = stats;
  if (!correct.some((c) => c > 0)) return 0;
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = [0, 0, 0, 0];
  let smooth = 1;
  for (let n = 0; n < MAX_ORDER; n++) {
    if (total[n] === 0) break;
    if (correct[n] === 0) {
      smooth *= 2;
      precisions[n] = 100 / (smooth * total[n]!);
    } else precisions[n] = (100 * correct[n]!) / total[n]!;
  }
  // sacrebleu takes log(0) as -9999999999, which makes the score 0 when an order has no n-grams at all.
  const logSum = precisions.reduce((s, p) => s + (p === 0 ? -9999999999 : Math.log(p)), 0);
  return bp * Math.exp(logSum / MAX_ORDER);
}

/** Corpus BLEU (0–100) of hypotheses against their references. */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
): number {
  const stats = emptyBleuStats();
  hypotheses.forEach((h, i) => {
    addBleuSentence(stats, h, references[i]!);
  });
  return bleuScore(stats);
}

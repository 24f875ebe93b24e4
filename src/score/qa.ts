import { PY_WORD, pySplit } from './python-text.js';

// Exact match and token F1 for extractive and closed-book QA, with the answer normalisation of the SQuAD and
// TriviaQA evaluation scripts as T5 applies them: each prediction is compared with every reference and the
// best score counts.

const SQUAD_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const TRIVIA_QA_PUNCTUATION = new Set([...SQUAD_PUNCTUATION, '‘', '’', '´', '`', '_']);
const ARTICLES = new RegExp(`(?<!${PY_WORD})(?:a|an|the)(?!${PY_WORD})`, 'gu');

function normalize(text: string, punctuation: ReadonlySet<string>, replacement: string): string {
  let s = '';
  for (const ch of text.toLowerCase()) s += punctuation.has(ch) ? replacement : ch;
  return pySplit(s.replace(ARTICLES, ' ')).join(' ');
}

/** SQuAD's normalisation: lower case, punctuation removed, articles removed, whitespace collapsed. */
export function normalizeSquad(text: string): string {
  return normalize(text, SQUAD_PUNCTUATION, '');
}

/** TriviaQA's: as SQuAD's, but punctuation (and a few quote marks and `_`) becomes a space. */
export function normalizeTriviaQa(text: string): string {
  return normalize(text, TRIVIA_QA_PUNCTUATION, ' ').trim();
}

/** Token F1 between two normalised answers (0 when they share no token). */
export function tokenF1(reference: string, prediction: string): number {
  const pred = pySplit(prediction);
  const ref = pySplit(reference);
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of pred) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      same++;
      counts.set(t, n - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / pred.length;
  const recall = same / ref.length;
  return (2 * precision * recall) / (precision + recall);
}

export type QaStyle = 'squad' | 'trivia_qa';

/** One prediction's EM (0 or 1) and F1 (0–1) against its references, the best over references. */
export function qaScores(
  style: QaStyle,
  references: readonly string[],
  prediction: string,
): { em: number; f1: number } {
  const norm = style === 'squad' ? normalizeSquad : normalizeTriviaQa;
  const p = norm(prediction);
  let em = 0;
  let f1 = 0;
  for (const r of references) {
    const n = norm(r);
    if (n === p) em = 1;
    f1 = Math.max(f1, tokenF1(n, p));
  }
  return { em, f1 };
}

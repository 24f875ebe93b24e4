// Word-level edit distance as T5 scores its text-formatting tasks (fix_punct): both texts lower-cased and cut
// at every character that is not a word character (so runs of punctuation leave empty words, which keeps
// punctuation in the count), then the Levenshtein distance between the two word lists.

import { PY_WORD } from './python-text.js';

const NON_WORD = new RegExp(`(?!${PY_WORD})[^]`, 'u');

/** Python's `re.split("[^\\w]", s.lower())`. */
export function editWords(text: string): string[] {
  return text.toLowerCase().split(NON_WORD);
}

/** Levenshtein distance between two sequences (insertions, deletions, substitutions cost 1). */
export function levenshtein(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The word-level edit distance between a reference and a prediction. */
export function wordEditDistance(reference: string, prediction: string): number {
  return levenshtein(editWords(reference), editWords(prediction));
}

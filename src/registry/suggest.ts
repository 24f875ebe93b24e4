/**
 * "Did you mean" for mistyped names: datasets, tasks, clusters, flags, config keys, values. One module (the
 * browser core uses it too), so every message suggests the same way: the closest candidate by edit distance,
 * case and separators ignored, or nothing when no candidate is close enough to be a plausible typo.
 */

/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Case, dashes, underscores and spaces do not count: `few-shot`, `few_shot` and `fewShot` are one name. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * The candidate closest to `word`, or undefined when none is within a third of the word's length (at least
 * 2 edits). A candidate that starts with the word, or the word with it (`fewShot` for `fewShotK`), counts
 * as close whatever the length; one equal to it but for case and separators wins outright.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = fold(word);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const k = fold(c);
    if (k === w) return c;
    const prefix = Math.min(w.length, k.length) >= 3 && (k.startsWith(w) || w.startsWith(k));
    const distance = editDistance(w, k);
    if (distance > Math.max(2, Math.floor(w.length / 3)) && !prefix) continue;
    const score = prefix ? Math.min(distance, 1.5) : distance;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` for the closest candidate, or `''`: ready to append to a message. */
export function suggest(
  word: string,
  candidates: Iterable<string>,
  format = (c: string) => `"${c}"`,
): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean ${format(c)}?)`;
}

/** ` (did you mean "x"?)`, or nothing (names in the registry: datasets, tasks, clusters). */
export function didYouMean(name: string, known: Iterable<string>): string {
  return suggest(name, known);
}

// Metrics over labels and numbers, as scikit-learn and SciPy compute them: F1 of the positive class,
// Matthews correlation, Pearson and Spearman correlation. Labels are option indices (-1: a prediction that
// is none of the options). A value that the reference leaves undefined (a constant series) is null.

/** Accuracy (0–1) over 0/1 outcomes. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * F1 of label 1 (scikit-learn's binary `f1_score`), where a prediction that is neither 0 nor 1 counts as wrong
 * (T5's `f1_score_with_invalid`). 0 when there is no true or predicted positive.
 */
export function binaryF1(gold: readonly number[], predicted: readonly number[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    let p = predicted[i]!;
    if (p !== 0 && p !== 1) p = 1 - g;
    if (p === 1 && g === 1) tp++;
    else if (p === 1) fp++;
    else if (g === 1) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Matthews correlation coefficient over any labels (scikit-learn's multiclass form); 0 when undefined. */
export function matthews(gold: readonly number[], predicted: readonly number[]): number {
  const trueCount = new Map<number, number>();
  const predCount = new Map<number, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    trueCount.set(g, (trueCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) correct++;
  });
  const n = gold.length;
  let tp = 0;
  let tt = 0;
  let pp = 0;
  for (const [label, t] of trueCount) tp += t * (predCount.get(label) ?? 0);
  for (const t of trueCount.values()) tt += t * t;
  for (const p of predCount.values()) pp += p * p;
  const cov = correct * n - tp;
  const denom = Math.sqrt((n * n - pp) * (n * n - tt));
  return denom === 0 ? 0 : cov / denom;
}

/** Pearson's r; null when either series is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = mean(x)!;
  const my = mean(y)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Ranks from 1, ties sharing their average rank (SciPy's `rankdata`, method "average"). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rho: Pearson's r of the average ranks; null when either series is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

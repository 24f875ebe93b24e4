import { z } from 'zod';
import { parseOptions } from '../registry/errors.js';

export const RateOptionsSchema = z.object({
  /** Examples beyond this many give a task no more weight (FLAN: 3,000). */
  rateMax: z.number().positive().default(3000),
  /** seqio's temperature: rate ** (1 / temperature); 1 leaves rates proportional. */
  temperature: z.number().positive().default(1),
});
export type RateOptions = z.input<typeof RateOptionsSchema>;

/**
 * Examples-proportional mixing rates with a maximum (docs/mixing.md; seqio's mixing_rate_num_examples):
 * rate = min(n, rateMax) ** (1 / temperature). Rates are relative weights.
 *
 * A low temperature overflows that power (3000 ** 1000 is Infinity in float64, and Infinity / Infinity
 * shares are NaN) or underflows it to 0 for every member (0.5 ** 2000). The rates are then the same
 * ratios scaled so the largest is 1, computed in log space: (b / max) ** (1/T) = exp((ln b - ln max) / T).
 * Rates that fit, which is every ordinary build, are left exactly as the formula gives them.
 */
export function mixingRates(sizes: readonly number[], options: RateOptions = {}): number[] {
  const { rateMax, temperature } = parseOptions(RateOptionsSchema, options, 'rate option');
  const bases = sizes.map((n) => {
    if (!(n >= 0)) throw new RangeError(`pool size must be a non-negative number, got ${n}`);
    return Math.min(n, rateMax);
  });
  const rates = bases.map((b) => b ** (1 / temperature));
  const fits = rates.every(Number.isFinite) && (rates.some((r) => r > 0) || bases.every((b) => b === 0));
  if (fits) return rates;
  const max = Math.max(...bases);
  return bases.map((b) =>
    b === max ? 1 : b === 0 ? 0 : Math.exp((Math.log(b) - Math.log(max)) / temperature),
  );
}

/**
 * Exact counts for a mixture of `total` examples by the largest-remainder method: each member gets the
 * floor of its share, and the leftover examples go to the largest fractional remainders (ties to the
 * earlier member, so the result is deterministic). Counts sum to `total` and each is within one of its share.
 */
export function exactCounts(rates: readonly number[], total: number): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`total must be a non-negative integer, got ${total}`);
  const sum = rates.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return rates.map(() => 0);
  const shares = rates.map((r) => (r / sum) * total);
  const counts = shares.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, rem: s - Math.floor(s) }))
    .filter(({ i }) => rates[i]! > 0)
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

import { z } from 'zod';

export const RateOptionsSchema = z.object({
  /** Examples beyond this many give a task no more weight (FLAN: 3,000). */
  rateMax: z.number().positive().default(3000),
  /** seqio's temperature: rate ** (1 / temperature); 1 leaves rates proportional. */
  temperature: z.number().positive().default(1),
});
export type RateOptions = z.input<typeof RateOptionsSchema>;

/**
 * Examples-proportional mixing rates with a maximum (Part A §5, seqio's mixing_rate_num_examples):
 * rate = min(n, rateMax) ** (1 / temperature). Rates are relative weights.
 */
export function mixingRates(sizes: readonly number[], options: RateOptions = {}): number[] {
  const { rateMax, temperature } = RateOptionsSchema.parse(options);
  return sizes.map((n) => {
    if (!(n >= 0)) throw new RangeError(`pool size must be a non-negative number, got ${n}`);
    return Math.min(n, rateMax) ** (1 / temperature);
  });
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

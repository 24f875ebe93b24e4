import { type Rng, randInt } from './rng.js';

/**
 * A seeded, uniformly random interleave of members with exact counts, drawn one step at a time: each step
 * picks member m with probability remaining[m] / remainingTotal. Memory is O(members), whatever the total.
 */
export function* interleave(counts: readonly number[], rng: Rng): Generator<number> {
  const remaining = [...counts];
  let left = remaining.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let pick = randInt(rng, left);
    let m = 0;
    while (pick >= remaining[m]!) {
      pick -= remaining[m]!;
      m++;
    }
    remaining[m]!--;
    left--;
    yield m;
  }
}

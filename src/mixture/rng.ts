import seedrandom from 'seedrandom';

/** A seeded generator of uniform floats in [0, 1); ARC4-based, so identical on every machine and engine. */
export type Rng = () => number;

/** An independent stream for one purpose (e.g. `order:anli/r1`), derived from the mixture seed. */
export function rngFor(seed: number, purpose: string): Rng {
  return seedrandom(`flanmix:${seed}:${purpose}`);
}

/** Uniform integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates, in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(items: T, rng: Rng): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/** A seeded permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return shuffleInPlace(p, rng);
}

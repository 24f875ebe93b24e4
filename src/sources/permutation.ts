import type { Rng } from '../mixture/rng.js';

/** Above this many rows the permutation keeps only the positions it has swapped (a Map), not an array. */
export const DENSE_LIMIT = 1 << 22;

/**
 * A seeded permutation of 0..n-1, drawn lazily from the front (forward Fisher–Yates: position i swaps with a
 * uniform j in [i, n)). Drawing k values costs O(k) time and, for large n, O(k) memory, so a capped read of a
 * huge split never materialises all n row indices. Dense and sparse storage give the same sequence.
 */
export class LazyPermutation {
  private drawn = 0;
  private readonly dense: Uint32Array | undefined;
  private readonly sparse: Map<number, number> | undefined;

  /** `denseLimit`: the largest size kept as an array (tests lower it to check both forms agree). */
  constructor(
    readonly size: number,
    private readonly rng: Rng,
    denseLimit = DENSE_LIMIT,
  ) {
    if (size <= denseLimit) {
      this.dense = new Uint32Array(size);
      for (let i = 0; i < size; i++) this.dense[i] = i;
    } else {
      this.sparse = new Map();
    }
  }

  /** How many values have been drawn. */
  get position(): number {
    return this.drawn;
  }

  /** The next value, or undefined when all n are drawn. */
  next(): number | undefined {
    const i = this.drawn;
    if (i >= this.size) return undefined;
    const j = i + Math.floor(this.rng() * (this.size - i));
    this.drawn++;
    if (this.dense) {
      const v = this.dense[j]!;
      this.dense[j] = this.dense[i]!;
      this.dense[i] = v;
      return v;
    }
    const m = this.sparse!;
    const vj = m.get(j) ?? j;
    const vi = m.get(i) ?? i;
    m.set(j, vi);
    m.delete(i);
    return vj;
  }
}

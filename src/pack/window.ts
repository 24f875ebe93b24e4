// Pure: the best-fit packer's window of pending examples, indexed by size.
import type { PackItem } from './item.js';

/**
 * The window of pending examples, indexed for the best-fit query: for each target size b (0 for the
 * decoder-only layout, whose rows have one dimension), the distinct input sizes a present, ascending,
 * each with its examples in arrival order.
 */
export class Window {
  size = 0;
  sumA = 0;
  sumB = 0;
  /** Bumped at each refill; arrivals are stamped with it. */
  generation = 0;
  private readonly sizesByB: number[][];
  private readonly cells: Map<number, PackItem[]>[];

  constructor(readonly Lb: number) {
    this.sizesByB = Array.from({ length: Lb + 1 }, () => []);
    this.cells = Array.from({ length: Lb + 1 }, () => new Map());
  }

  add(it: PackItem) {
    it.gen = this.generation;
    const cell = this.cells[it.b]!;
    const q = cell.get(it.a);
    if (q) q.push(it);
    else {
      cell.set(it.a, [it]);
      const sizes = this.sizesByB[it.b]!;
      sizes.splice(upperBound(sizes, it.a), 0, it.a);
    }
    this.size++;
    this.sumA += it.a;
    this.sumB += it.b;
  }

  take(a: number, b: number): PackItem {
    const cell = this.cells[b]!;
    const q = cell.get(a)!;
    const it = q.shift()!;
    if (q.length === 0) {
      cell.delete(a);
      const sizes = this.sizesByB[b]!;
      sizes.splice(upperBound(sizes, a) - 1, 1);
    }
    this.size--;
    this.sumA -= it.a;
    this.sumB -= it.b;
    return it;
  }

  /**
   * Gives examples that have waited through two refills their own copies of their ids. Until then they
   * are views of the tokenizer's batch buffers, so only the batches of the last two refills are kept
   * alive (a few MB) however long some hard-to-place example waits, and the copy is paid by the few
   * examples that wait, not by all.
   */
  compact() {
    this.generation++;
    const old = this.generation - 2;
    for (const cell of this.cells)
      for (const q of cell.values())
        for (const it of q)
          if (it.gen >= 0 && it.gen <= old) {
            it.inputs = it.inputs.slice();
            it.targets = it.targets.slice();
            it.gen = -1;
          }
  }

  /** Input sizes present with target size b (ascending). */
  sizes(b: number): number[] {
    return this.sizesByB[b]!;
  }
}

/** First index whose value is > x in an ascending array. */
export function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

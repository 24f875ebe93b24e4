import type { Example } from '../adapters/types.js';

/**
 * A member's examples with random access: the training slice in seeded shuffled order. Sources back it
 * with an array (samples) or a spill file on disk (Hub and local data), so the mixer never holds whole
 * datasets in memory.
 */
export interface Pool {
  readonly size: number;
  get(index: number): Example;
}

export function arrayPool(examples: readonly Example[]): Pool {
  return {
    size: examples.length,
    get(index) {
      const ex = examples[index];
      if (ex === undefined) throw new RangeError(`pool index ${index} is outside 0..${examples.length - 1}`);
      return ex;
    },
  };
}

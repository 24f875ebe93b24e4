import { permutation, type Rng, shuffleInPlace } from './rng.js';

/**
 * The pool indices a member contributes, in order: a seeded permutation of its pool, then another fresh
 * permutation for each further pass when the member's count exceeds its pool (docs/mixing.md, "Rates and counts").
 */
export function* memberOrder(poolSize: number, count: number, rng: Rng): Generator<number> {
  if (count > 0 && poolSize === 0) throw new RangeError('cannot draw examples from an empty pool');
  let emitted = 0;
  while (emitted < count) {
    const perm = permutation(poolSize, rng);
    for (let i = 0; i < perm.length && emitted < count; i++, emitted++) yield perm[i]!;
  }
}

/**
 * Balanced template choice: each consecutive block of `templates.length` examples uses every template
 * once, in a seeded order, so any prefix uses each template equally often within one.
 */
export function* templateOrder(templates: readonly number[], count: number, rng: Rng): Generator<number> {
  const block = [...templates];
  let emitted = 0;
  while (emitted < count) {
    shuffleInPlace(block, rng);
    for (let i = 0; i < block.length && emitted < count; i++, emitted++) yield block[i]!;
  }
}

import { z } from 'zod';
import { list } from '../columns.js';

/**
 * GEM's `references` column: every reference text of the input (filled on validation/test, usually empty on
 * train). Optional, so a source that drops the column still adapts.
 */
export const references = list(z.string()).optional();

/** All references for scoring, the row's own target first; undefined when there is nothing beyond it. */
export function allReferences(target: string, refs: readonly string[] | undefined): string[] | undefined {
  if (!refs || refs.length === 0) return undefined;
  return [...new Set([target, ...refs])];
}

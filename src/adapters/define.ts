import type { z } from 'zod';
import { FlanmixError, formatIssues } from '../registry/errors.js';
import type { AdaptContext, Adapter, AdaptResult, Example, Row } from './types.js';

export class AdapterError extends FlanmixError {
  override name = 'AdapterError';
}

/** Declares an adapter with its row type inferred from the zod schema. */
export function defineAdapter<R>(spec: {
  row: z.ZodType<R, unknown>;
  fields: readonly string[];
  adapt(row: R, ctx: AdaptContext): AdaptResult;
}): Adapter<R> {
  return spec;
}

/** One example, or a skip: the common case for adapters. */
export function one(example: Example): AdaptResult {
  return [example];
}

export function skip(reason: string): AdaptResult {
  return { skip: reason };
}

/**
 * Validates a raw row against the adapter's schema and adapts it. Errors name dataset, task, row and column,
 * because a schema mismatch usually means the registry points at the wrong repo, config or revision.
 */
export function adaptRow(
  adapter: Adapter<unknown>,
  raw: Row,
  ctx: AdaptContext,
  rowNumber?: number,
): AdaptResult {
  const parsed = adapter.row.safeParse(raw, { reportInput: true });
  const where = `${ctx.dataset.id}/${ctx.task.id}${rowNumber === undefined ? '' : ` row ${rowNumber}`}`;
  if (!parsed.success) {
    throw new AdapterError(
      `${where}: row does not match the expected columns: ${formatIssues(parsed.error.issues)}`,
    );
  }
  let result: AdaptResult;
  try {
    result = adapter.adapt(parsed.data, ctx);
  } catch (e) {
    // An adapter's own error (a label outside the options…) gains the dataset, task and row.
    if (e instanceof AdapterError) throw new AdapterError(`${where}: ${e.message}`);
    throw e;
  }
  if (!('skip' in result)) {
    for (const ex of result) checkExample(ex, adapter.fields, where);
  }
  return result;
}

function checkExample(ex: Example, fields: readonly string[], where: string): void {
  for (const f of fields) {
    if (typeof ex.fields[f] !== 'string')
      throw new AdapterError(`${where}: adapter produced no field "${f}"`);
  }
  if (ex.options && ex.fields.answer !== undefined && !ex.options.includes(ex.fields.answer)) {
    throw new AdapterError(`${where}: answer "${ex.fields.answer}" is not one of the options`);
  }
}

/** `1. a\n2. b`: FLAN's enumerate_items, used for numbered questions, answers and reviews. */
export function enumerateItems(items: readonly string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}`).join('\n');
}

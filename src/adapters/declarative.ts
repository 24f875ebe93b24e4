import { z } from 'zod';
import type { Dataset } from '../registry/schema.js';
import { AdapterError } from './define.js';
import type { Adapter, Example } from './types.js';

/** Cells a field may be copied from: text, or a number or boolean written as text. */
const cell = z.union([z.string(), z.number(), z.boolean(), z.bigint()]).transform(String);
/** A label cell: an option index, an option text or a label name; empty, null or -1 means unlabelled. */
const labelCell = z.union([z.string(), z.number(), z.bigint(), z.null()]);

/**
 * The adapter a registry entry's `adapter` map describes: each template field copied from its column, and
 * for classification the `answer` field made from the label column (see AdapterSpecSchema).
 */
export function declarativeAdapter(dataset: Dataset): Adapter<Record<string, unknown>> {
  const adapter = makeDeclarativeAdapter(dataset);
  declarative.add(adapter);
  return adapter;
}

// Adapters made from a registry entry's map: another thread can make the same one from the entry.
const declarative = new WeakSet<object>();

/** Whether `adapter` is a declarativeAdapter (so a reading thread can rebuild it from its dataset entry). */
export function isDeclarative(adapter: object): boolean {
  return declarative.has(adapter);
}

function makeDeclarativeAdapter(dataset: Dataset): Adapter<Record<string, unknown>> {
  const spec = dataset.adapter;
  if (!spec) throw new AdapterError(`dataset "${dataset.id}" has no adapter map`);
  const fields = Object.entries(spec.fields);
  const label = spec.label;
  const shape: Record<string, z.ZodType> = {};
  for (const [, column] of fields) shape[column] = cell;
  if (label) shape[label.column] = labelCell;
  return {
    row: z.object(shape) as z.ZodType<Record<string, unknown>, unknown>,
    fields: [...fields.map(([f]) => f), ...(label ? ['answer'] : [])],
    adapt(row, ctx) {
      const out: Record<string, string> = {};
      for (const [field, column] of fields) out[field] = row[column] as string;
      if (!label) return [{ fields: out }];
      const options = ctx.task.options;
      if (!options) throw new AdapterError(`task "${ctx.task.id}" has no options for its label`);
      const index = labelIndex(row[label.column], options, label.names);
      if (index === null) return { skip: 'unlabelled' };
      const answer = options[index];
      if (answer === undefined)
        throw new AdapterError(
          `column "${label.column}": label ${showLabel(row[label.column])} is not an option index, option or label name (options: ${options.join(', ')})`,
        );
      const example: Example = { fields: { ...out, answer }, options };
      return [example];
    },
  };
}

/** The option a label cell picks, null when the row has no label, or -2 when it names no option. */
function labelIndex(value: unknown, options: readonly string[], names?: readonly string[]): number | null {
  if (value === null || value === '' || value === -1 || value === -1n || value === '-1') return null;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const i = Number(value);
    return Number.isInteger(i) && i >= 0 && i < options.length ? i : -2;
  }
  const text = String(value);
  const byName = names?.indexOf(text) ?? -1;
  if (byName >= 0) return byName;
  const byOption = options.indexOf(text);
  if (byOption >= 0) return byOption;
  // CSV cells are text: "0", "1"… are indices there.
  return /^\d+$/.test(text) && Number(text) < options.length ? Number(text) : -2;
}

function showLabel(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

import type { Row } from '../adapters/types.js';

// Column names come from users' files (CSV headers, JSONL keys, columns.json). Rows built from them have no
// prototype, and maps keyed by them are read through own keys only, so a column named `constructor` or
// `__proto__` is a column like any other, never Object's method or the row's prototype.

/** An empty row with no prototype. */
export function emptyRow(): Row {
  return Object.create(null) as Row;
}

/** The value of an own key of a user-keyed map, or undefined (never an inherited one). */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A file column's name after an optional `columns.json` rename. */
export function renamedColumn(rename: Readonly<Record<string, string>> | undefined, column: string): string {
  return own(rename, column) ?? column;
}

/** A row with its columns renamed, as a prototype-free row. */
export function renameRow(row: Row, rename: Readonly<Record<string, string>> | undefined): Row {
  if (!rename) return row;
  const out = emptyRow();
  for (const [k, v] of Object.entries(row)) out[renamedColumn(rename, k)] = v;
  return out;
}

/** Rows larger than this stop the build with an error naming file and row (`maxRowBytes` changes it). */
export const DEFAULT_MAX_ROW_BYTES = 64 * 2 ** 20;

/**
 * Characters in a row's strings (nested lists and structs included), counted until `limit` is passed:
 * a row whose text alone exceeds the row limit is refused before it reaches the adapters.
 */
export function rowChars(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v))
      for (const x of Object.values(v)) stack.push(x);
  }
  return total;
}

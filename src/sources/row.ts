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

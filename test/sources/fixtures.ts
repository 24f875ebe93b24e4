// Test data for the source tests: real parquet files written (with hyparquet-writer) from the shipped rte
// sample rows, in the Hub's column schema, plus helpers for temporary folders and task refs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Row } from '../../src/adapters/types.js';
import { getTask, loadRegistry, type TaskRef } from '../../src/registry/index.js';
import { readSampleRows } from '../../src/sources/samples.js';

export const registry = loadRegistry();
export const rte = getTask(registry, 'rte');
export const rteRows: Row[] = readSampleRows('rte', 'rte');

/** `count` rte rows: the samples repeated, each premise suffixed with its row number so every row is distinct. */
export function manyRteRows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const r = rteRows[i % rteRows.length]!;
    return { ...r, premise: `${r.premise as string} (#${i})`, idx: i };
  });
}

/** A parquet file of rte rows: premise, hypothesis (STRING), idx (INT32), label (INT64, read back as bigint). */
export function rteParquet(
  rows: readonly Row[],
  options: { rowGroupSize?: number; drop?: string[] } = {},
): Uint8Array {
  const columns = [
    { name: 'premise', type: 'STRING' as const, data: rows.map((r) => r.premise as string) },
    { name: 'hypothesis', type: 'STRING' as const, data: rows.map((r) => r.hypothesis as string) },
    { name: 'idx', type: 'INT32' as const, data: rows.map((r) => Number(r.idx)) },
    { name: 'label', type: 'INT64' as const, data: rows.map((r) => BigInt(r.label as number)) },
  ].filter((c) => !options.drop?.includes(c.name));
  return new Uint8Array(
    parquetWriteBuffer({ columnData: columns, rowGroupSize: options.rowGroupSize ?? rows.length }),
  );
}

/** The rte task with its (first) Hub source changed (another repo, revision or config), same adapter. */
export function withSource(ref: TaskRef, patch: Record<string, unknown>): TaskRef {
  const first = { ...ref.task.sources[0]!, ...patch } as TaskRef['task']['sources'][number];
  return { ...ref, task: { ...ref.task, sources: [first] } };
}

/** The task with these sources, in order (each patches the task's first source). */
export function withSources(ref: TaskRef, patches: Record<string, unknown>[]): TaskRef {
  const sources = patches.map(
    (p) => ({ ...ref.task.sources[0]!, ...p }) as TaskRef['task']['sources'][number],
  );
  return { ...ref, task: { ...ref.task, sources } };
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `flanmix-test-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A fake 40-hex commit id derived from a label. */
export function commitId(label: string): string {
  let h = 0;
  for (const c of label) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (h.toString(16).padStart(8, '0') + 'c0ffee'.repeat(6)).slice(0, 40);
}

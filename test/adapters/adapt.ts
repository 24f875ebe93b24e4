// Shared by the adapter tests: run a dataset's adapter on a hand-written row, as the sources do.
import { expect } from 'vitest';
import { ADAPTERS, type AdaptResult, adaptRow, type Example, type Row } from '../../src/adapters/index.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';

const registry = loadRegistry();

export function adapt(datasetId: string, row: Row, taskId?: string): AdaptResult {
  return adaptRow(ADAPTERS[datasetId]!, row, getTask(registry, datasetId, taskId));
}

/** The single example a row yields (fails the test on a skip). */
export function only(datasetId: string, row: Row, taskId?: string): Example {
  const r = adapt(datasetId, row, taskId);
  if ('skip' in r) throw new Error(`unexpected skip: ${r.skip}`);
  expect(r).toHaveLength(1);
  return r[0]!;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../adapters/types.js';
import { FlanmixError } from '../registry/errors.js';
import type { TaskRef } from '../registry/load.js';
import { SourceUnavailableError } from './errors.js';
import { packageRoot } from './package-root.js';
import { evalSplitFrom, trainingSliceFrom } from './slice.js';
import { MemoryStore } from './spill.js';
import { ArrayTable } from './table.js';
import type {
  DataSource,
  EvalOptions,
  EvalSplit,
  SliceOptions,
  SourceOrigin,
  SplitInfo,
  TrainingSlice,
} from './types.js';

/** Path of a task's shipped sample rows: `samples/<dataset>/<task>.jsonl`, in the Hub's column schema. */
export function samplePath(datasetId: string, taskId: string): string {
  return join(packageRoot(), 'samples', datasetId, `${taskId}.jsonl`);
}

export function hasSamples(datasetId: string, taskId: string): boolean {
  return existsSync(samplePath(datasetId, taskId));
}

/** Reads a task's sample rows (small by design: a dozen or so rows each). */
export function readSampleRows(datasetId: string, taskId: string): Row[] {
  const file = samplePath(datasetId, taskId);
  if (!existsSync(file))
    throw new FlanmixError(`${datasetId}/${taskId}: no sample rows (${file} is missing)`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Row;
      } catch (e) {
        throw new FlanmixError(`${file}:${i + 1}: not valid JSON: ${(e as Error).message}`);
      }
    });
}

/**
 * The shipped sample rows as a source: the same rows serve as every split (train and test), so a build from
 * samples runs end to end without any download. The training slice is still shuffled, capped and split with
 * a validation tail (a quarter of the rows at most), exactly as for real data.
 */
export class SamplesSource implements DataSource {
  readonly kind = 'samples' as const;
  private readonly store = new MemoryStore();

  /** `local`: the user's own files, read instead of the samples for the tasks they cover. */
  constructor(private readonly local?: DataSource) {}

  private table(ref: TaskRef): { table: ArrayTable; origin: SourceOrigin } {
    if (!hasSamples(ref.dataset.id, ref.task.id))
      throw new SourceUnavailableError(ref.dataset.id, ref.task.id, 'no shipped sample rows');
    const file = `samples/${ref.dataset.id}/${ref.task.id}.jsonl`;
    return {
      table: new ArrayTable(readSampleRows(ref.dataset.id, ref.task.id), file),
      origin: { kind: 'samples', files: [file] },
    };
  }

  has(ref: TaskRef): boolean {
    return hasSamples(ref.dataset.id, ref.task.id);
  }

  async trainingSlice(ref: TaskRef, options: SliceOptions): Promise<TrainingSlice> {
    if (this.local?.has?.(ref, 'train')) return this.local.trainingSlice(ref, options);
    const { table, origin } = this.table(ref);
    return trainingSliceFrom(table, ref, this.store, { ...origin, split: 'samples' }, options);
  }

  async evalSplit(ref: TaskRef, options: EvalOptions): Promise<EvalSplit> {
    if (this.local?.has?.(ref, 'test')) return this.local.evalSplit(ref, options);
    const { table, origin } = this.table(ref);
    return evalSplitFrom(table, ref, this.store, { ...origin, split: 'samples' }, options);
  }

  async prepare(ref: TaskRef, role: 'train' | 'test'): Promise<SplitInfo> {
    if (this.local?.prepare && this.local.has?.(ref, role)) return this.local.prepare(ref, role);
    const { table, origin } = this.table(ref);
    return {
      ref,
      role,
      rows: table.numRows,
      bytes: null,
      origin: { ...origin, split: 'samples' },
      missing: [],
    };
  }

  async close(): Promise<void> {
    this.store.close();
    await this.local?.close();
  }
}

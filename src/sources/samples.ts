import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../adapters/types.js';
import { FlanmixError } from '../registry/errors.js';
import { packageRoot } from './package-root.js';

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

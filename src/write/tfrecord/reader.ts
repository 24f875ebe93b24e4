// Node only: reads TFRecord files back (tests, checks). Both CRCs of every record are verified.
import { readFileSync } from 'node:fs';
import type { DecodedFeature } from './example-decode.js';
import { readExamples, readRecords } from './record.js';

export function readTfrecordFile(path: string): Uint8Array[] {
  return [...readRecords(readFileSync(path))];
}

export function readTfrecordExamples(path: string): Record<string, DecodedFeature>[] {
  return [...readExamples(readFileSync(path))];
}

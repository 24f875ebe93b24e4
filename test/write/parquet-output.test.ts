// Parquet training shards, read back with hyparquet's reader (a separate library from the writer we use).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { buildMixture } from '../../src/pipeline/build-mixture.js';
import { flanmix, readJsonl, tempDir } from '../helpers.js';

const DATASETS = ['rte', 'cosmos_qa', 'common_gen'];

async function readParquet(file: string): Promise<Record<string, unknown>[]> {
  const bytes = readFileSync(file);
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
}

describe('--output parquet', () => {
  it('holds the same records as the JSONL shards, typed columns, trl field names with --fields', async () => {
    const text = tempDir();
    const pq = tempDir();
    await buildMixture({ out: text, datasets: DATASETS, seed: 3, shards: 2 });
    const result = await buildMixture({
      out: pq,
      datasets: DATASETS,
      seed: 3,
      shards: 2,
      output: 'parquet',
      fields: ['prompt', 'completion'],
    });
    expect(result.shards.map((s) => s.file)).toEqual([
      'train-00000-of-00002.parquet',
      'train-00001-of-00002.parquet',
    ]);
    const jsonl = ['train-00000-of-00002.jsonl', 'train-00001-of-00002.jsonl'].flatMap((f) =>
      readJsonl(join(text, f)),
    );
    const rows = [];
    for (const s of result.shards) {
      const part = await readParquet(join(pq, s.file));
      expect(part).toHaveLength(s.records);
      rows.push(...part);
    }
    expect(rows).toHaveLength(jsonl.length);
    rows.forEach((r, i) => {
      const { inputs, targets, ...rest } = jsonl[i]!;
      expect(r).toEqual({ prompt: inputs, completion: targets, ...rest });
    });
    const bytes = readFileSync(join(pq, result.shards[0]!.file));
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(
      meta.schema.map((e) => [e.name, e.type ?? null, e.converted_type ?? null, e.repetition_type ?? null]),
    ).toEqual([
      ['root', null, null, null],
      ['prompt', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['completion', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['dataset', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['task', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['cluster', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['template', 'INT32', null, 'OPTIONAL'],
      ['inverted', 'BOOLEAN', null, 'REQUIRED'],
      ['format', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    ]);
  });

  it('is byte-identical for the same seed, and the CLI takes --output parquet and a YAML --config', () => {
    const a = tempDir();
    const b = tempDir();
    const config = join(tempDir(), 'mix.yaml');
    writeFileSync(config, `datasets: [rte, cosmos_qa]\nseed: 5\nfields: [prompt, completion]\n`);
    for (const out of [a, b]) {
      const r = flanmix(['build', '--config', config, '--output', 'parquet', '--shards', '1', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
    }
    const file = 'train-00000-of-00001.parquet';
    expect(readFileSync(join(a, file)).equals(readFileSync(join(b, file)))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest.options).toMatchObject({ output: 'parquet', fields: ['prompt', 'completion'], seed: 5 });
  });
});

// One huge cell must not take the build down: in JSONL it is cut before tokenizing and counted; in parquet
// a row over the row limit, or a row group too large to decode, is an error naming the file and row.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetFileTable } from '../../src/sources/parquet.js';
import { flanmix, tempDir as testDir } from '../helpers.js';
import { manyRteRows, rteParquet, rteRows, tempDir } from './fixtures.js';

describe('a huge cell', () => {
  it('a 50 MB premise with no spaces is cut before tokenizing; the build finishes and counts the cut', () => {
    const data = testDir();
    mkdirSync(join(data, 'rte'));
    const rows = rteRows.map((r) => ({ ...r }));
    rows[0]!.premise = 'z'.repeat(50 * 2 ** 20);
    writeFileSync(join(data, 'rte', 'train.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(testDir(), 'out');
    const started = Date.now();
    const r = flanmix([
      'build',
      '--out',
      out,
      '--source',
      'local',
      '--data-dir',
      data,
      '--datasets',
      'rte',
      '--output',
      'packed-jsonl',
      '--workers',
      '1',
      '--no-eval',
    ]);
    expect(r.stderr).toContain('texts were longer than any row holds and were cut before tokenizing');
    expect(r.code).toBe(0);
    // Without the cut: 58 s and 3.4 GB peak RSS here (a heap crash on smaller machines); with it ~3 s.
    expect(Date.now() - started).toBeLessThan(45_000);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    // The huge row is drawn once per template it is rendered with; each is one cut input.
    const cuts = manifest.packed.report.cutBeforeTokenizing;
    expect(cuts.targets).toBe(0);
    expect(cuts.inputs).toBeGreaterThanOrEqual(1);
    expect(manifest.packed.report.truncatedInputs).toBeGreaterThanOrEqual(cuts.inputs);
  }, 120_000);

  it('the cut and its count are the same on one thread and on several (the manifest does not depend on cores)', () => {
    const data = testDir();
    mkdirSync(join(data, 'rte'));
    const rows = rteRows.map((r) => ({ ...r }));
    // 40,000 characters in words: past the default vocabulary's budget (33,792), far under the fallback's.
    rows[0]!.premise = 'word '.repeat(8000);
    writeFileSync(join(data, 'rte', 'train.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    const build = (workers: string) => {
      const out = join(testDir(), 'out');
      const r = flanmix([
        ...['build', '--out', out, '--source', 'local', '--data-dir', data, '--datasets', 'rte'],
        ...['--output', 'packed-jsonl', '--workers', workers, '--force-workers', '--no-eval'],
      ]);
      expect(r.code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      delete manifest.options;
      return manifest;
    };
    const one = build('1');
    expect(one.packed.report.cutBeforeTokenizing.inputs).toBeGreaterThanOrEqual(1);
    expect(build('2')).toEqual(one);
  }, 120_000);

  it('an ordinary build reports no cuts (its manifest keeps its shape)', () => {
    const out = join(testDir(), 'out');
    const r = flanmix([
      'build',
      '--out',
      out,
      '--datasets',
      'rte',
      '--output',
      'packed-jsonl',
      '--workers',
      '1',
      '--no-eval',
    ]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.packed.report).not.toHaveProperty('cutBeforeTokenizing');
    expect(r.stderr).not.toContain('cut before tokenizing');
  });
});

describe('parquet rows and row groups too large to handle', () => {
  async function open(bytes: Uint8Array, ctx: Record<string, number>) {
    const dir = tempDir('huge');
    const path = join(dir.path, 'train.parquet');
    writeFileSync(path, bytes);
    const table = await ParquetFileTable.open(path, 'rte/train.parquet', {
      where: 'rte/rte',
      columns: ['premise', 'hypothesis', 'label'],
      ...ctx,
    });
    const seen: number[] = [];
    try {
      await table.scan(null, (i) => {
        seen.push(i);
        return undefined;
      });
      return seen;
    } finally {
      await table.close();
      dir.remove();
    }
  }

  it('a row over the row limit is an error naming the file and the row', async () => {
    const rows = manyRteRows(30);
    rows[17] = { ...rows[17]!, premise: 'p'.repeat(5000) };
    await expect(open(rteParquet(rows, { rowGroupSize: 10 }), { maxRowBytes: 4000 })).rejects.toThrow(
      /^rte\/rte: rte\/train\.parquet row 17: a row of more than \d+ characters, over the 4000-character row limit/,
    );
    // Under the limit the same file reads whole.
    expect(await open(rteParquet(rows, { rowGroupSize: 10 }), { maxRowBytes: 6000 })).toHaveLength(30);
  });

  it('a row group too large to decode is refused before it is read, naming file, group and rows', async () => {
    const rows = manyRteRows(30);
    rows[25] = { ...rows[25]!, premise: 'p'.repeat(5000) };
    await expect(open(rteParquet(rows, { rowGroupSize: 10 }), { maxRowGroupBytes: 4000 })).rejects.toThrow(
      /^rte\/rte: rte\/train\.parquet: row group 2 \(rows 20–29\) holds \d+ bytes uncompressed in the columns read, over the 4000-byte limit/,
    );
  });
});

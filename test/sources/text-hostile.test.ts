// Hostile or careless text files: user-named columns that clash with Object's own names, invalid UTF-8,
// a row too large to hold, a gzip file cut short.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/adapters/types.js';
import { FlanmixError } from '../../src/registry/errors.js';
import { TextFileTable } from '../../src/sources/text.js';
import { tempDir } from '../helpers.js';

function file(name: string, bytes: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

async function rows(table: TextFileTable): Promise<Row[]> {
  const out: Row[] = [];
  await table.scan(null, (_i, row) => {
    out.push(row);
    return undefined;
  });
  return out;
}

describe('text files', () => {
  it('a CSV header named constructor or __proto__ is a column like any other', async () => {
    const path = file('t.csv', 'constructor,__proto__,label\na,b,1\n');
    const table = await TextFileTable.open(path, 't.csv', 'csv', {
      where: 'x/y',
      columns: { label: 'int32' },
    });
    const [row] = await rows(table);
    expect(row!.constructor).toBe('a');
    expect(Object.hasOwn(row!, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(row!, '__proto__')?.value).toBe('b');
    expect(row!.label).toBe(1);
    // Renamed through columns.json, and as a registry column name.
    const renamed = await TextFileTable.open(path, 't.csv', 'csv', {
      where: 'x/y',
      columns: { constructor: 'string', label: 'int32' },
      rename: JSON.parse('{"__proto__": "proto"}'), // as columns.json would hold it
    });
    const [r2] = await rows(renamed);
    expect(r2!.constructor).toBe('a');
    expect(r2!.proto).toBe('b');
  });

  it('counts lines that are not valid UTF-8, JSONL and CSV, naming the first', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"a":"ok"}\n{"a":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n'),
    ]);
    const jsonl = await TextFileTable.open(file('b.jsonl', bad), 'b.jsonl', 'jsonl', {
      where: 'x/y',
      columns: {},
    });
    expect(jsonl.invalidUtf8).toEqual({ lines: 1, first: 'b.jsonl line 2' });
    expect((await rows(jsonl))[1]!.a).toBe('\ufffd\ufffd');
    const csv = Buffer.concat([Buffer.from('a\nok\n'), Buffer.from([0xc3]), Buffer.from('\n')]);
    const table = await TextFileTable.open(file('b.csv', csv), 'b.csv', 'csv', { where: 'x/y', columns: {} });
    expect(table.invalidUtf8).toEqual({ lines: 1, first: 'b.csv line 3' });
    // A genuine U+FFFD in the file is valid UTF-8 and not counted.
    const fine = await TextFileTable.open(file('c.jsonl', '{"a":"\ufffd"}\n'), 'c.jsonl', 'jsonl', {
      where: 'x/y',
      columns: {},
    });
    expect(fine.invalidUtf8).toBeUndefined();
  });

  it('a row over maxRowBytes stops with an error naming file and line, before it is held whole', async () => {
    const big = `{"a":"ok"}\n{"a":"${'x'.repeat(5000)}"}\n`;
    const err = await TextFileTable.open(file('big.jsonl', big), 'big.jsonl', 'jsonl', {
      where: 'x/y',
      columns: {},
      maxRowBytes: 1000,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toMatch(
      /^big\.jsonl line 2: a row of more than \d+ bytes, over the 1000-byte limit \(maxRowBytes\)$/,
    );
    const csv = `a\n"${'y\n'.repeat(800)}"\n`;
    const e2 = await TextFileTable.open(file('big.csv', csv), 'big.csv', 'csv', {
      where: 'x/y',
      columns: {},
      maxRowBytes: 1000,
    }).catch((e) => e);
    expect(e2.message).toMatch(/^big\.csv line 2: a row of more than 1000 characters/);
  });

  it('a gzip file cut short names the file', async () => {
    const gz = gzipSync(Buffer.from('{"a":1}\n'.repeat(1000)));
    const path = file('cut.jsonl.gz', gz.subarray(0, gz.length - 20));
    const err = await TextFileTable.open(path, 'cut.jsonl.gz', 'jsonl', { where: 'x/y', columns: {} }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toMatch(
      /^cut\.jsonl\.gz: damaged or cut-short gzip data \(unexpected end of file\)$/,
    );
  });
});

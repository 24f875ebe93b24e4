// Column types of parquet files in the registry's notation, and whether they fit the registry's columns. The
// files were written by pyarrow (scripts/golden/hub-column-types.py) in the layouts Hub files use; the
// expected types are written by hand from the script.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, type SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import {
  columnProblems,
  compatible,
  parquetColumnTypes,
  parseColumnType,
} from '../../src/sources/column-types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/parquet');

const typesOf = (file: string) =>
  parquetColumnTypes(parquetMetadata(new Uint8Array(readFileSync(join(FIXTURES, file))).buffer));

const EXPECTED = {
  text: 'string',
  label: 'int64',
  idx: 'int32',
  score: 'float32',
  flag: 'bool',
  tokens: 'list<string>',
  pair: 'list<string>',
  nested: 'list<list<string>>',
  answers: '{text:list<string>,answer_start:list<int32>}',
  translation: '{fr:string,en:string}',
  spans: 'list<{start:int32,end:int32}>',
};

/** A schema as a parquet footer lists it (depth first, groups with their child counts). */
const schemaTypes = (elements: SchemaElement[]) =>
  parquetColumnTypes({ schema: [{ name: 'schema', num_children: 1 }, ...elements] } as never);

describe('parquet column types', () => {
  it.each(['hub-column-types.parquet', 'hub-column-types-legacy.parquet'])(
    'reads the types of %s (pyarrow)',
    (file) => {
      expect(Object.fromEntries(typesOf(file))).toEqual(EXPECTED);
    },
  );

  it('reads the older list layouts the parquet spec keeps compatible', () => {
    // A two-level list: the repeated field is the element.
    expect(
      schemaTypes([
        { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'array', type: 'BYTE_ARRAY', repetition_type: 'REPEATED', converted_type: 'UTF8' },
      ]).get('tags'),
    ).toBe('list<string>');
    // A repeated group named `array` with one field is a list of one-field structs.
    expect(
      schemaTypes([
        { name: 'xs', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'array', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'v', type: 'INT32', repetition_type: 'REQUIRED' },
      ]).get('xs'),
    ).toBe('list<{v:int32}>');
    // A repeated field outside any LIST annotation.
    expect(schemaTypes([{ name: 'ids', type: 'INT64', repetition_type: 'REPEATED' }]).get('ids')).toBe(
      'list<int64>',
    );
  });

  it('names what an unannotated or unusual column holds', () => {
    const types = parquetColumnTypes({
      schema: [
        { name: 'schema', num_children: 4 },
        { name: 'raw', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'day', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'DATE' },
        { name: 'small', type: 'INT32', repetition_type: 'OPTIONAL', converted_type: 'INT_8' },
        { name: 'blob', type: 'FIXED_LEN_BYTE_ARRAY', repetition_type: 'OPTIONAL', type_length: 16 },
      ],
    } as never);
    // hyparquet reads an unannotated byte array as UTF-8 text, so it counts as a string.
    expect(Object.fromEntries(types)).toEqual({ raw: 'string', day: 'date', small: 'int8', blob: 'binary' });
  });
});

describe('registry types', () => {
  it('parses the notation of the registry', () => {
    expect(parseColumnType('list<string>(len 2)')).toEqual({ kind: 'list', of: { kind: 'string' } });
    expect(parseColumnType('ClassLabel')).toEqual({ kind: 'int' });
    expect(parseColumnType('{a:list<int32>,b:string}')).toEqual({
      kind: 'struct',
      fields: new Map([
        ['a', { kind: 'list', of: { kind: 'int' } }],
        ['b', { kind: 'string' }],
      ]),
    });
    expect(parseColumnType('timestamp[s]')).toEqual({ kind: 'other', name: 'timestamp[s]' });
    expect(() => parseColumnType('list<string')).toThrow(/cannot parse the column type "list<string"/);
  });

  it('every type in the built-in registry parses', async () => {
    const { loadRegistry } = await import('../../src/registry/index.js');
    const types = loadRegistry().datasets.flatMap((d) => d.tasks.flatMap((t) => Object.values(t.columns)));
    for (const t of types) expect(() => parseColumnType(t), t).not.toThrow();
    // None is left as an unknown name: each one is compared by shape.
    const unknown = types.filter((t) => JSON.stringify(parseColumnType(t)).includes('"other"'));
    expect(unknown).toEqual([]);
  });

  it('widths do not matter, kinds and nesting do; a file struct may have extra fields', () => {
    const fits = (registry: string, file: string) =>
      compatible(parseColumnType(registry), parseColumnType(file));
    expect(fits('ClassLabel', 'int64')).toBe(true);
    expect(fits('int32', 'int64')).toBe(true);
    expect(fits('float32', 'float64')).toBe(true);
    expect(fits('list<string>(len 2)', 'list<string>')).toBe(true);
    expect(fits('{text:list<string>}', '{text:list<string>,answer_start:list<int32>}')).toBe(true);
    expect(fits('ClassLabel', 'string')).toBe(false);
    expect(fits('list<string>', 'string')).toBe(false);
    expect(fits('list<list<string>>', 'list<string>')).toBe(false);
    expect(fits('{text:list<string>,label:list<string>}', '{text:list<string>}')).toBe(false);
    expect(fits('bool', 'int32')).toBe(false);
  });

  it('lists each missing column and each type that does not fit, with both types', () => {
    const file = new Map([
      ['premise', 'string'],
      ['label', 'string'],
      ['answers', '{text:list<string>}'],
    ]);
    expect(
      columnProblems(
        {
          premise: 'string',
          hypothesis: 'string',
          label: 'ClassLabel',
          answers: '{text:list<string>,answer_start:list<int32>}',
        },
        file,
      ),
    ).toEqual([
      'column "hypothesis" is missing',
      'column "label" is string, the registry expects ClassLabel',
      'column "answers" is {text:list<string>}, the registry expects {text:list<string>,answer_start:list<int32>}',
    ]);
    expect(columnProblems({ premise: 'string' }, file)).toEqual([]);
  });
});

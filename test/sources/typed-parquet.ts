// Parquet files typed as the Hub types a task's columns: the registry's column types (`string`, `ClassLabel`,
// `int32`, `float32`, `bool`, `list<…>`, `{field:type,…}`) become parquet's (ClassLabel is INT64 as the
// datasets library writes it, lists are 3-level LIST groups, structs are groups), written with hyparquet-writer.
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer/src/types.js';
import type { Row } from '../../src/adapters/types.js';

export type FeatureType =
  | { kind: 'string' | 'ClassLabel' | 'int32' | 'float32' | 'bool' }
  | { kind: 'list'; item: FeatureType }
  | { kind: 'struct'; fields: Array<[string, FeatureType]> };

/** Parses a registry column type, e.g. `{text:list<string>,answer_start:list<int32>}`. */
export function parseFeature(text: string): FeatureType {
  let at = 0;
  const fail = (): never => {
    throw new Error(`cannot parse the column type ${JSON.stringify(text)} at ${at}`);
  };
  const name = () => {
    const m = /^[A-Za-z_][\w]*/.exec(text.slice(at)) ?? fail();
    at += m[0].length;
    return m[0];
  };
  const expect = (s: string) => {
    if (!text.startsWith(s, at)) fail();
    at += s.length;
  };
  const type = (): FeatureType => {
    if (text[at] === '{') {
      at++;
      const fields: Array<[string, FeatureType]> = [];
      do {
        if (text[at] === ',') at++;
        const field = name();
        expect(':');
        fields.push([field, type()]);
      } while (text[at] === ',');
      expect('}');
      return { kind: 'struct', fields };
    }
    const word = name();
    if (word === 'list') {
      expect('<');
      const item = type();
      expect('>');
      const len = /^\(len \d+\)/.exec(text.slice(at));
      if (len) at += len[0].length;
      return { kind: 'list', item };
    }
    if (['string', 'ClassLabel', 'int32', 'float32', 'bool'].includes(word))
      return { kind: word as 'string' };
    return fail();
  };
  const t = type();
  if (at !== text.length) fail();
  return t;
}

/** The schema elements of one column (depth first, as parquet's flattened schema lists them). */
function schemaOf(name: string, t: FeatureType): SchemaElement[] {
  switch (t.kind) {
    case 'string':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }];
    case 'ClassLabel':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
    case 'int32':
      return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
    case 'float32':
      return [{ name, type: 'FLOAT', repetition_type: 'OPTIONAL' }];
    case 'bool':
      return [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }];
    case 'list':
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...schemaOf('element', t.item),
      ];
    case 'struct':
      return [
        { name, repetition_type: 'OPTIONAL', num_children: t.fields.length },
        ...t.fields.flatMap(([f, ft]) => schemaOf(f, ft)),
      ];
  }
}

/** A JSON value (as the sample rows hold it) in the form the writer takes for the type. */
function writerValue(v: unknown, t: FeatureType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'ClassLabel':
      return BigInt(v as number);
    case 'list':
      return (v as unknown[]).map((x) => writerValue(x, t.item));
    case 'struct': {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(t.fields.map(([f, ft]) => [f, writerValue(o[f], ft)]));
    }
    default:
      return v;
  }
}

export interface TypedParquetOptions {
  rowGroupSize?: number;
  /** Columns left out (a source whose files lack one). */
  drop?: readonly string[];
  codec?: 'SNAPPY' | 'UNCOMPRESSED';
  /** PLAIN values, no dictionary (so a value's bytes appear verbatim in an uncompressed page). */
  plain?: boolean;
  statistics?: boolean;
  offsetIndex?: boolean;
}

/** A parquet file of `rows` with the registry's `columns` (name → type), in that order. */
export function typedParquet(
  rows: readonly Row[],
  columns: Readonly<Record<string, string>>,
  options: TypedParquetOptions = {},
): Uint8Array {
  const kept = Object.entries(columns).filter(([name]) => !options.drop?.includes(name));
  const types = kept.map(([name, text]) => [name, parseFeature(text)] as const);
  const schema: SchemaElement[] = [
    { name: 'root', num_children: types.length },
    ...types.flatMap(([name, t]) => schemaOf(name, t)),
  ];
  const columnData: ColumnSource[] = types.map(([name, t]) => ({
    name,
    data: rows.map((r) => writerValue(r[name], t)),
    ...(options.plain ? { encoding: 'PLAIN' as const } : {}),
    ...(options.offsetIndex === false ? { offsetIndex: false } : {}),
  }));
  return new Uint8Array(
    parquetWriteBuffer({
      columnData,
      schema,
      rowGroupSize: options.rowGroupSize ?? Math.max(1, rows.length),
      ...(options.codec ? { codec: options.codec } : {}),
      ...(options.statistics === false ? { statistics: false } : {}),
    }),
  );
}

import type { FileMetaData, SchemaTree } from 'hyparquet';
import { parquetSchema } from 'hyparquet';

/**
 * A column type as far as reading rows goes: the shape of the JS value a row holds. Widths do not matter to
 * an adapter (int32 and int64 are both integers; a ClassLabel is an integer), nesting and kind do.
 */
export type Shape =
  | { kind: 'string' | 'int' | 'float' | 'bool' | 'binary' }
  | { kind: 'list'; of: Shape }
  | { kind: 'struct'; fields: Map<string, Shape> }
  | { kind: 'other'; name: string };

const ATOMS: Record<string, Shape['kind']> = {
  string: 'string',
  large_string: 'string',
  ClassLabel: 'int',
  int8: 'int',
  int16: 'int',
  int32: 'int',
  int64: 'int',
  uint8: 'int',
  uint16: 'int',
  uint32: 'int',
  uint64: 'int',
  float16: 'float',
  float32: 'float',
  float64: 'float',
  bool: 'bool',
  binary: 'binary',
};

/**
 * Parses a type in the registry's notation: `string`, `ClassLabel`, `int32`, `float32`, `bool`, `list<T>`,
 * `list<T>(len N)` (a fixed-length sequence), `{name:T,name:T}` (a struct). Unknown names stay as they are
 * and match only themselves.
 */
export function parseColumnType(text: string): Shape {
  let at = 0;
  const fail = (): never => {
    throw new Error(`cannot parse the column type ${JSON.stringify(text)} at character ${at}`);
  };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.[\]]*/.exec(text.slice(at));
    if (!m) return fail();
    at += m[0].length;
    return m[0];
  };
  const expect = (s: string) => {
    if (!text.startsWith(s, at)) fail();
    at += s.length;
  };
  const type = (): Shape => {
    let shape: Shape;
    if (text[at] === '{') {
      at++;
      const fields = new Map<string, Shape>();
      while (text[at] !== '}') {
        const field = name();
        expect(':');
        fields.set(field, type());
        if (text[at] === ',') at++;
        else if (text[at] !== '}') fail();
      }
      at++;
      shape = { kind: 'struct', fields };
    } else {
      const word = name();
      if (word === 'list' || word === 'large_list') {
        expect('<');
        shape = { kind: 'list', of: type() };
        expect('>');
      } else {
        const kind = ATOMS[word];
        shape = kind ? ({ kind } as Shape) : { kind: 'other', name: word };
      }
    }
    const len = /^\(len \d+\)/.exec(text.slice(at));
    if (len) at += len[0].length;
    return shape;
  };
  const shape = type();
  if (at !== text.length) fail();
  return shape;
}

/** Whether values of shape `actual` (a file's) can be read as `expected` (the registry's): struct fields may be extra. */
export function compatible(expected: Shape, actual: Shape): boolean {
  if (expected.kind === 'list') return actual.kind === 'list' && compatible(expected.of, actual.of);
  if (expected.kind === 'struct') {
    if (actual.kind !== 'struct') return false;
    for (const [field, shape] of expected.fields) {
      const got = actual.fields.get(field);
      if (!got || !compatible(shape, got)) return false;
    }
    return true;
  }
  if (expected.kind === 'other') return actual.kind === 'other' && actual.name === expected.name;
  return expected.kind === actual.kind;
}

/** A parquet schema node in the registry's notation (`string`, `int64`, `list<string>`, `{text:list<string>}`). */
export function describeParquetColumn(node: SchemaTree, ignoreRepeated = false): string {
  const el = node.element;
  if (el.repetition_type === 'REPEATED' && !ignoreRepeated)
    return `list<${describeParquetColumn(node, true)}>`;
  const annotation = el.logical_type?.type ?? el.converted_type;
  if (annotation === 'LIST' && node.children.length === 1) {
    const repeated = node.children[0]!;
    // The parquet spec's rules for lists written before the three-level layout was fixed.
    const element =
      repeated.children.length !== 1 ||
      repeated.element.name === 'array' ||
      repeated.element.name === `${el.name}_tuple`
        ? repeated
        : repeated.children[0]!;
    return `list<${describeParquetColumn(element, element === repeated)}>`;
  }
  if ((annotation === 'MAP' || annotation === 'MAP_KEY_VALUE') && node.children.length === 1) {
    const [key, value] = node.children[0]!.children;
    return `map<${key ? describeParquetColumn(key) : '?'},${value ? describeParquetColumn(value) : '?'}>`;
  }
  if (node.children.length)
    return `{${node.children.map((c) => `${c.element.name}:${describeParquetColumn(c)}`).join(',')}}`;
  return primitive(el);
}

function primitive(el: SchemaTree['element']): string {
  const logical = el.logical_type;
  switch (el.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
    case 'INT64': {
      if (logical?.type === 'INTEGER') return `${logical.isSigned ? 'int' : 'uint'}${logical.bitWidth}`;
      const converted = el.converted_type;
      if (converted?.startsWith('INT_')) return `int${converted.slice(4)}`;
      if (converted?.startsWith('UINT_')) return `uint${converted.slice(5)}`;
      if (logical) return logical.type.toLowerCase();
      if (converted) return converted.toLowerCase();
      return el.type === 'INT32' ? 'int32' : 'int64';
    }
    case 'INT96':
      return 'timestamp';
    case 'FLOAT':
      return 'float32';
    case 'DOUBLE':
      return 'float64';
    case 'BYTE_ARRAY':
      // hyparquet decodes an unannotated byte array as UTF-8 text, as flanmix reads it.
      if (!logical && (!el.converted_type || el.converted_type === 'UTF8')) return 'string';
      if (logical?.type === 'STRING' || el.converted_type === 'UTF8') return 'string';
      return (logical?.type ?? el.converted_type ?? 'binary').toLowerCase();
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical?.type === 'FLOAT16' ? 'float16' : 'binary';
    default:
      return 'unknown';
  }
}

/** A file's top-level columns, name → type in the registry's notation. */
export function parquetColumnTypes(metadata: FileMetaData): Map<string, string> {
  return new Map(parquetSchema(metadata).children.map((c) => [c.element.name, describeParquetColumn(c)]));
}

/**
 * What keeps a file's columns from being read as the registry's: each missing column, and each column whose
 * type differs (both types named). Empty when the file fits. Extra columns are fine.
 */
export function columnProblems(
  expected: Readonly<Record<string, string>>,
  actual: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  for (const [column, type] of Object.entries(expected)) {
    const got = actual.get(column);
    if (got === undefined) {
      problems.push(`column "${column}" is missing`);
      continue;
    }
    let want: Shape;
    try {
      want = parseColumnType(type);
    } catch {
      // An unparsable registry type can only be compared as text.
      if (got !== type) problems.push(`column "${column}" is ${got}, the registry expects ${type}`);
      continue;
    }
    let have: Shape;
    try {
      have = parseColumnType(got);
    } catch {
      have = { kind: 'other', name: got };
    }
    if (!compatible(want, have)) problems.push(`column "${column}" is ${got}, the registry expects ${type}`);
  }
  return problems;
}

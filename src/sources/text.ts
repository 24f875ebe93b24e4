import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Row } from '../adapters/types.js';
import { SourceError } from './errors.js';
import type { RowTable, RowVisitor } from './table.js';

export type TextFormat = 'jsonl' | 'csv' | 'tsv';

export interface TextContext {
  /** `dataset/task`, for messages. */
  where: string;
  /** The registry's columns and their Hub types (`string`, `int32`, `ClassLabel`, `list<string>`…). */
  columns: Readonly<Record<string, string>>;
  /** File column → registry column (a dataset's `columns.json`). */
  rename?: Readonly<Record<string, string>>;
}

async function* textChunks(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const decoder = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = decoder.write(chunk as Buffer);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}

/** Lines of a text file with their 1-based numbers (`\n` or `\r\n` endings). */
async function* lines(path: string): AsyncGenerator<{ text: string; line: number }> {
  let carry = '';
  let line = 0;
  for await (const chunk of textChunks(path)) {
    const text = carry + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: text.slice(start, end), line };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry !== '') yield { text: carry.endsWith('\r') ? carry.slice(0, -1) : carry, line: line + 1 };
}

enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * RFC 4180 CSV, streamed: fields may be quoted, quotes doubled inside, newlines and delimiters inside quoted
 * fields; `\r\n` or `\n` line endings; a blank line is no record. With `quoting` off (TSV) every character
 * but the delimiter and the line end is data.
 */
export class CsvParser {
  private state = S.FieldStart;
  private field = '';
  private record: string[] = [];
  private line = 1;
  private recordLine = 1;

  constructor(
    private readonly delimiter: string,
    private readonly quoting: boolean,
    private readonly file: string,
  ) {}

  push(text: string, emit: (record: string[], line: number) => void): void {
    const d = this.delimiter;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text[i]!;
      switch (this.state) {
        case S.FieldStart:
          if (c === '"' && this.quoting) {
            this.state = S.Quoted;
            i++;
            continue;
          }
          this.state = S.Unquoted;
          continue;
        case S.Unquoted: {
          let j = i;
          while (j < n) {
            const x = text[j]!;
            if (x === d || x === '\n' || x === '\r') break;
            j++;
          }
          this.field += text.slice(i, j);
          i = j;
          if (i >= n) continue;
          const x = text[i]!;
          i++;
          if (x === '\r') continue;
          this.endField();
          if (x === '\n') this.endRecord(emit);
          continue;
        }
        case S.Quoted: {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          const part = text.slice(i, end);
          for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) this.line++;
          this.field += part;
          i = end;
          if (q >= 0) {
            this.state = S.QuoteInQuoted;
            i++;
          }
          continue;
        }
        case S.QuoteInQuoted:
          i++;
          if (c === '"') {
            this.field += '"';
            this.state = S.Quoted;
          } else if (c === d) {
            this.endField();
          } else if (c === '\n') {
            this.endField();
            this.endRecord(emit);
          } else if (c !== '\r') {
            throw new SourceError(
              `${this.file} line ${this.line}: unexpected ${JSON.stringify(c)} after a closing quote (a quote inside a quoted field is written "")`,
            );
          }
          continue;
      }
    }
  }

  end(emit: (record: string[], line: number) => void): void {
    if (this.state === S.Quoted)
      throw new SourceError(`${this.file} line ${this.recordLine}: a quoted field is never closed`);
    if (this.state !== S.FieldStart || this.record.length > 0 || this.field !== '') {
      this.endField();
      this.endRecord(emit);
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = S.FieldStart;
  }

  private endRecord(emit: (record: string[], line: number) => void): void {
    const record = this.record;
    const line = this.recordLine;
    this.record = [];
    this.line++;
    this.recordLine = this.line;
    if (record.length === 1 && record[0] === '') return;
    emit(record, line);
  }
}

async function* records(
  path: string,
  display: string,
  format: 'csv' | 'tsv',
): AsyncGenerator<{ record: string[]; line: number }> {
  const parser = new CsvParser(format === 'csv' ? ',' : '\t', format === 'csv', display);
  const out: { record: string[]; line: number }[] = [];
  const emit = (record: string[], line: number) => {
    out.push({ record, line });
  };
  for await (const chunk of textChunks(path)) {
    parser.push(chunk, emit);
    yield* out;
    out.length = 0;
  }
  parser.end(emit);
  yield* out;
}

const INT = /^(u?int\d*|ClassLabel)$/;
const FLOAT = /^(float\d*|double)$/;

/** A CSV/TSV cell as the registry's column type: integers, floats and booleans parsed; lists and structs as JSON. */
export function coerceCell(value: string, type: string, where: () => string): unknown {
  if (type === 'string') return value;
  if (value === '') return null;
  if (INT.test(type)) {
    if (/^-?\d+$/.test(value.trim())) return Number(value);
    throw new SourceError(`${where()}: expected an integer, got ${JSON.stringify(value)}`);
  }
  if (FLOAT.test(type)) {
    const x = Number(value);
    if (value.trim() !== '' && Number.isFinite(x)) return x;
    throw new SourceError(`${where()}: expected a number, got ${JSON.stringify(value)}`);
  }
  if (type === 'bool') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new SourceError(`${where()}: expected true or false, got ${JSON.stringify(value)}`);
  }
  if (type.startsWith('list') || type.startsWith('{') || type.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      throw new SourceError(`${where()}: expected JSON (${type}), got ${JSON.stringify(value.slice(0, 80))}`);
    }
  }
  return value;
}

function renamed(row: Row, rename: Readonly<Record<string, string>> | undefined): Row {
  if (!rename) return row;
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[rename[k] ?? k] = v;
  return out;
}

/** One JSONL, CSV or TSV file (optionally gzipped) as a table; rows are counted on open (one streaming pass). */
export class TextFileTable implements RowTable {
  readonly rowGroups = undefined;
  readonly groupsRead = 0;
  readonly files: readonly string[];

  private constructor(
    private readonly path: string,
    private readonly display: string,
    private readonly format: TextFormat,
    private readonly ctx: TextContext,
    readonly numRows: number,
    private readonly header: string[] | undefined,
  ) {
    this.files = [display];
  }

  static async open(
    path: string,
    display: string,
    format: TextFormat,
    ctx: TextContext,
  ): Promise<TextFileTable> {
    let n = 0;
    let header: string[] | undefined;
    if (format === 'jsonl') {
      for await (const l of lines(path)) if (l.text.trim() !== '') n++;
    } else {
      for await (const r of records(path, display, format)) {
        if (header === undefined) {
          header = r.record.map((h) => h.trim());
          const names = header.map((h) => ctx.rename?.[h] ?? h);
          for (const column of Object.keys(ctx.columns)) {
            if (!names.includes(column))
              throw new SourceError(
                `${ctx.where}: ${display}: column "${column}" is missing from the header (the registry expects ${Object.keys(ctx.columns).join(', ')}; the header has ${header.join(', ')})`,
              );
          }
        } else n++;
      }
      if (header === undefined)
        throw new SourceError(`${ctx.where}: ${display}: empty file (a header row is required)`);
    }
    return new TextFileTable(path, display, format, ctx, n, header);
  }

  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    let k = 0;
    let index = -1;
    if (this.format === 'jsonl') {
      for await (const l of lines(this.path)) {
        if (l.text.trim() === '') continue;
        index++;
        if (wanted !== null) {
          if (k >= wanted.length) return;
          if (wanted[k] !== index) continue;
          k++;
        }
        let row: unknown;
        try {
          row = JSON.parse(l.text);
        } catch (e) {
          throw new SourceError(
            `${this.ctx.where}: ${this.display} line ${l.line}: not valid JSON: ${(e as Error).message}`,
          );
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          throw new SourceError(
            `${this.ctx.where}: ${this.display} line ${l.line}: a row must be a JSON object`,
          );
        if (visit(index, renamed(row as Row, this.ctx.rename), this.display, l.line) === false) return;
      }
      return;
    }
    const header = this.header!;
    let first = true;
    for await (const r of records(this.path, this.display, this.format)) {
      if (first) {
        first = false;
        continue;
      }
      index++;
      if (wanted !== null) {
        if (k >= wanted.length) return;
        if (wanted[k] !== index) continue;
        k++;
      }
      if (r.record.length !== header.length)
        throw new SourceError(
          `${this.ctx.where}: ${this.display} line ${r.line}: ${r.record.length} fields, but the header has ${header.length}`,
        );
      const row: Row = {};
      header.forEach((h, c) => {
        const name = this.ctx.rename?.[h] ?? h;
        const type = this.ctx.columns[name];
        row[name] =
          type === undefined
            ? r.record[c]
            : coerceCell(
                r.record[c]!,
                type,
                () => `${this.ctx.where}: ${this.display} line ${r.line}: column "${name}"`,
              );
      });
      if (visit(index, row, this.display, r.line) === false) return;
    }
  }

  async close(): Promise<void> {}
}

// Pure CSV/TSV parsing and cell typing: no file access, so the explorer uses them in a browser too.
import { SourceError } from './errors.js';

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
  /** Characters in the current record's finished fields (a record may span lines inside quotes). */
  private recordChars = 0;

  constructor(
    private readonly delimiter: string,
    private readonly quoting: boolean,
    private readonly file: string,
    /** Largest record in characters (at most its UTF-8 bytes); larger ones stop with an error. */
    private readonly maxChars = Number.POSITIVE_INFINITY,
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
    if (this.recordChars + this.field.length > this.maxChars)
      throw new SourceError(
        `${this.file} line ${this.recordLine}: a row of more than ${this.maxChars} characters, over the row limit (maxRowBytes)`,
      );
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
    this.recordChars += this.field.length;
    this.record.push(this.field);
    this.field = '';
    this.state = S.FieldStart;
  }

  private endRecord(emit: (record: string[], line: number) => void): void {
    const record = this.record;
    const line = this.recordLine;
    this.record = [];
    this.recordChars = 0;
    this.line++;
    this.recordLine = this.line;
    if (record.length === 1 && record[0] === '') return;
    emit(record, line);
  }
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

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Row } from '../adapters/types.js';
import { FlanmixError } from '../registry/errors.js';
import { CsvParser, coerceCell } from './csv.js';
import { SourceError } from './errors.js';
import { DEFAULT_MAX_ROW_BYTES, emptyRow, own, renamedColumn, renameRow } from './row.js';
import type { RowTable, RowVisitor } from './table.js';

// The parsers are pure (the explorer runs them in a browser); this file streams files through them.
export { CsvParser, coerceCell } from './csv.js';

export type TextFormat = 'jsonl' | 'csv' | 'tsv';

export interface TextContext {
  /** `dataset/task`, for messages. */
  where: string;
  /** The registry's columns and their Hub types (`string`, `int32`, `ClassLabel`, `list<string>`…). */
  columns: Readonly<Record<string, string>>;
  /** File column → registry column (a dataset's `columns.json`). */
  rename?: Readonly<Record<string, string>>;
  /** Largest row (line) in bytes; default DEFAULT_MAX_ROW_BYTES. */
  maxRowBytes?: number;
}

// Why a hand-written reader rather than csv-parse (weighed for issue 18): lines are split as bytes before
// decoding, so each is checked for invalid UTF-8 (counted in the manifest) and a huge row is refused before it
// is held whole; JSONL, CSV and TSV share that one path, and errors name file and line in our words. csv-parse
// takes decoded text, so those checks would need this layer anyway, plus a 100 kB+ dependency. Its speed was
// not measured against ours (the session ran out of time); revisit if CSV reading ever shows in a profile.

/** The raw bytes of a file, gunzipped if it ends in `.gz`; read and gzip errors name the file. */
async function* byteChunks(path: string, display: string): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const gz = path.endsWith('.gz');
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof FlanmixError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (gz && code?.startsWith('Z_'))
      throw new SourceError(`${display}: damaged or cut-short gzip data (${(e as Error).message})`);
    throw new SourceError(`${display}: cannot read: ${code ?? (e as Error).message}`);
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}

/** One physical line: its bytes (line end removed, a `\r` before it kept), 1-based number, and validity. */
interface RawLine {
  bytes: Buffer;
  line: number;
}

/**
 * The lines of a file as bytes, split on `\n` before decoding (a `\n` byte is never part of a multi-byte
 * UTF-8 character), so each line can be checked for invalid UTF-8 and decoded only when wanted. A leading
 * UTF-8 BOM is dropped. A line longer than `maxBytes` is an error naming the file and line, raised before the
 * line is held whole, so one huge cell cannot exhaust memory.
 */
async function* rawLines(path: string, display: string, maxBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let line = 0;
  let first = true;
  const tooLong = (bytes: number) =>
    new SourceError(
      `${display} line ${line + 1}: a row of more than ${bytes} bytes, over the ${maxBytes}-byte limit (maxRowBytes)`,
    );
  for await (let chunk of byteChunks(path, display)) {
    if (first && chunk.length > 0) {
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      first = false;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (held + piece.length > maxBytes) throw tooLong(held + piece.length);
      const bytes = held === 0 ? piece : Buffer.concat([...parts, piece]);
      parts = [];
      held = 0;
      line++;
      yield { bytes, line };
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      held += rest.length;
      if (held > maxBytes) throw tooLong(held);
      parts.push(rest);
    }
  }
  if (held > 0) yield { bytes: Buffer.concat(parts), line: line + 1 };
}

/** A line's bytes without a trailing `\r` (JSONL; CSV keeps it, since a quoted field may hold it). */
function withoutCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.subarray(0, -1) : bytes;
}

/** Whether a JSONL line holds nothing but whitespace (String.prototype.trim's notion). */
function blank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 32 || (b >= 9 && b <= 13)) continue;
    return b < 0x80 ? false : bytes.toString('utf8').trim() === '';
  }
  return true;
}

/** Lines (1-based) whose bytes are not valid UTF-8, and the first of them, found while counting rows. */
export interface InvalidUtf8 {
  lines: number;
  first: number;
}

/**
 * CSV/TSV records with the line each starts on. Lines are decoded one by one and fed to the parser, which
 * joins them back where a quoted field spans lines. `invalid` (if given) counts lines that are not UTF-8.
 */
async function* records(
  path: string,
  display: string,
  format: 'csv' | 'tsv',
  maxBytes: number,
  invalid?: InvalidUtf8,
): AsyncGenerator<{ record: string[]; line: number }> {
  const parser = new CsvParser(format === 'csv' ? ',' : '\t', format === 'csv', display, maxBytes);
  const out: { record: string[]; line: number }[] = [];
  const emit = (record: string[], line: number) => {
    out.push({ record, line });
  };
  for await (const l of rawLines(path, display, maxBytes)) {
    if (invalid && !isUtf8(l.bytes)) {
      if (invalid.lines++ === 0) invalid.first = l.line;
    }
    parser.push(l.bytes.toString('utf8'), emit);
    parser.push('\n', emit);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  parser.end(emit);
  yield* out;
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
    private readonly invalid: InvalidUtf8 | undefined,
  ) {
    this.files = [display];
  }

  /** Lines that are not valid UTF-8 (read with U+FFFD in their place); undefined when there are none. */
  get invalidUtf8(): { lines: number; first: string } | undefined {
    return this.invalid && { lines: this.invalid.lines, first: `${this.display} line ${this.invalid.first}` };
  }

  private get maxBytes(): number {
    return this.ctx.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
  }

  static async open(
    path: string,
    display: string,
    format: TextFormat,
    ctx: TextContext,
  ): Promise<TextFileTable> {
    let n = 0;
    let header: string[] | undefined;
    const invalid: InvalidUtf8 = { lines: 0, first: 0 };
    const maxBytes = ctx.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    if (format === 'jsonl') {
      for await (const l of rawLines(path, display, maxBytes)) {
        if (blank(l.bytes)) continue;
        n++;
        if (!isUtf8(l.bytes) && invalid.lines++ === 0) invalid.first = l.line;
      }
    } else {
      for await (const r of records(path, display, format, maxBytes, invalid)) {
        if (header === undefined) {
          header = r.record.map((h) => h.trim());
          const names = header.map((h) => renamedColumn(ctx.rename, h));
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
    return new TextFileTable(path, display, format, ctx, n, header, invalid.lines ? invalid : undefined);
  }

  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    let k = 0;
    let index = -1;
    if (this.format === 'jsonl') {
      for await (const l of rawLines(this.path, this.display, this.maxBytes)) {
        if (blank(l.bytes)) continue;
        index++;
        if (wanted !== null) {
          if (k >= wanted.length) return;
          if (wanted[k] !== index) continue;
          k++;
        }
        let row: unknown;
        try {
          row = JSON.parse(withoutCr(l.bytes).toString('utf8'));
        } catch (e) {
          throw new SourceError(
            `${this.ctx.where}: ${this.display} line ${l.line}: not valid JSON: ${(e as Error).message}`,
          );
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row))
          throw new SourceError(
            `${this.ctx.where}: ${this.display} line ${l.line}: a row must be a JSON object`,
          );
        if (visit(index, renameRow(row as Row, this.ctx.rename), this.display, l.line) === false) return;
      }
      return;
    }
    const header = this.header!;
    const names = header.map((h) => renamedColumn(this.ctx.rename, h));
    let first = true;
    for await (const r of records(this.path, this.display, this.format, this.maxBytes)) {
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
      const row = emptyRow();
      names.forEach((name, c) => {
        const type = own(this.ctx.columns, name);
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

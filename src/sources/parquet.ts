import { type FileHandle, open } from 'node:fs/promises';
import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Row } from '../adapters/types.js';
import { SourceError } from './errors.js';
import { DEFAULT_MAX_ROW_BYTES, renameRow, rowChars } from './row.js';
import type { RowTable, RowVisitor } from './table.js';

/** A file that is not readable parquet. The Hub source removes such a file from its cache. */
export class CorruptFileError extends SourceError {
  override name = 'CorruptFileError';
  constructor(
    message: string,
    /** The file on disk. */
    readonly path: string,
    /** The file as messages name it (the repo path for Hub files). */
    readonly display: string,
  ) {
    super(message);
  }
}

/** A file without a column the registry expects: the Hub source falls through to the task's next source. */
export class MissingColumnError extends SourceError {
  override name = 'MissingColumnError';
}

export interface ParquetContext {
  /** `dataset/task`, for messages. */
  where: string;
  /** Columns to read; each must exist in the file (the registry's `source.columns`). */
  columns: readonly string[];
  /** File column → registry column (a local dataset's `columns.json`). */
  rename?: Readonly<Record<string, string>>;
  /** Wraps the file's buffer (the Hub source counts the bytes a read touches). */
  wrap?: (buffer: AsyncBuffer) => AsyncBuffer;
  /** Largest row (characters of its text); default DEFAULT_MAX_ROW_BYTES, as for JSONL and CSV. */
  maxRowBytes?: number;
  /** Largest row group to decode (uncompressed bytes of the columns read); default MAX_ROW_GROUP_BYTES. */
  maxRowGroupBytes?: number;
}

/**
 * A row group is decoded whole; one whose columns read take more than this uncompressed is refused before
 * its buffers are allocated (beyond it V8 fails to allocate, far from the file's name).
 */
export const MAX_ROW_GROUP_BYTES = 1024 * 2 ** 20;

/** The footer is read with one request of this size from the end (hyparquet's default is 512 KiB). */
const FOOTER_FETCH = 64 * 1024;

function fileColumn(ctx: ParquetContext, column: string): string {
  if (!ctx.rename) return column;
  for (const [from, to] of Object.entries(ctx.rename)) if (to === column) return from;
  return column;
}

/** An AsyncBuffer over an open file: hyparquet reads the footer and the column chunks it needs, nothing else. */
function fileBuffer(handle: FileHandle, size: number, counter: { bytes: number }): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const length = Math.max(0, stop - start);
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(out, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      counter.bytes += done;
      return out.buffer;
    },
  };
}

/** One parquet file as a table; reads the footer on open and checks the columns against the registry. */
export class ParquetFileTable implements RowTable {
  readonly files: readonly string[];
  readonly numRows: number;
  readonly rowGroups: number;
  groupsRead = 0;
  private readonly starts: number[] = [];

  private constructor(
    /** Bytes read from the file (footer and column chunks). */
    readonly io: { bytes: number },
    private readonly handle: FileHandle | undefined,
    private readonly buffer: AsyncBuffer,
    private readonly metadata: FileMetaData,
    readonly path: string,
    private readonly display: string,
    private readonly ctx: ParquetContext,
  ) {
    this.files = [display];
    let start = 0;
    for (const g of metadata.row_groups) {
      this.starts.push(start);
      start += Number(g.num_rows);
    }
    this.starts.push(start);
    this.numRows = start;
    this.rowGroups = metadata.row_groups.length;
  }

  static async open(path: string, display: string, ctx: ParquetContext): Promise<ParquetFileTable> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const counter = { bytes: 0 };
      const buffer = fileBuffer(handle, size, counter);
      return await ParquetFileTable.fromBuffer(buffer, path, display, ctx, counter, handle);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** A table over any AsyncBuffer (a remote file read by range requests); `path` names it in errors. */
  static async fromBuffer(
    raw: AsyncBuffer,
    path: string,
    display: string,
    ctx: ParquetContext,
    counter: { bytes: number } = { bytes: 0 },
    handle?: FileHandle,
  ): Promise<ParquetFileTable> {
    const buffer = ctx.wrap ? ctx.wrap(raw) : raw;
    const size = buffer.byteLength;
    {
      const corrupt = (why: string) =>
        new CorruptFileError(`${ctx.where}: ${display}: not a readable parquet file: ${why}`, path, display);
      if (size < 12) throw corrupt(`${size} bytes is too short`);
      const head = new TextDecoder().decode(await buffer.slice(0, 4));
      const tail = new TextDecoder().decode(await buffer.slice(size - 4, size));
      if (head !== 'PAR1' || tail !== 'PAR1') throw corrupt('the PAR1 magic bytes are missing');
      let metadata: FileMetaData;
      try {
        metadata = await parquetMetadataAsync(buffer, { initialFetchSize: FOOTER_FETCH });
      } catch (e) {
        throw corrupt((e as Error).message);
      }
      const present = parquetSchema(metadata).children.map((c) => c.element.name);
      for (const column of ctx.columns) {
        if (!present.includes(fileColumn(ctx, column))) {
          throw new MissingColumnError(
            `${ctx.where}: ${display}: column "${column}" is missing (the registry expects ${ctx.columns.join(', ')}; the file has ${present.join(', ')})`,
          );
        }
      }
      return new ParquetFileTable(counter, handle, buffer, metadata, path, display, ctx);
    }
  }

  groupSizes(): number[] {
    return this.metadata.row_groups.map((g) => Number(g.num_rows));
  }

  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    const maxChars = this.ctx.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES;
    const check = (i: number, row: Row): Row => {
      const chars = rowChars(row, maxChars);
      if (chars > maxChars)
        throw new SourceError(
          `${this.ctx.where}: ${this.display} row ${i}: a row of more than ${chars} characters, over the ${maxChars}-character row limit (maxRowBytes)`,
        );
      return row;
    };
    let k = 0;
    for (let g = 0; g < this.rowGroups; g++) {
      const start = this.starts[g]!;
      const end = this.starts[g + 1]!;
      if (end === start) continue;
      if (wanted !== null && (k >= wanted.length || wanted[k]! >= end)) continue;
      const rows = await this.readGroup(g, start, end);
      if (wanted === null) {
        for (let i = start; i < end; i++)
          if (visit(i, check(i, rows[i - start]!), this.display, i) === false) return;
      } else {
        while (k < wanted.length && wanted[k]! < end) {
          const i = wanted[k++]!;
          if (visit(i, check(i, rows[i - start]!), this.display, i) === false) return;
        }
        if (k >= wanted.length) return;
      }
    }
  }

  private async readGroup(g: number, start: number, end: number): Promise<Row[]> {
    const names = new Set(this.ctx.columns.map((c) => fileColumn(this.ctx, c)));
    let bytes = 0;
    for (const chunk of this.metadata.row_groups[g]!.columns) {
      const name = chunk.meta_data?.path_in_schema[0];
      if (name !== undefined && names.has(name)) bytes += Number(chunk.meta_data!.total_uncompressed_size);
    }
    const maxBytes = this.ctx.maxRowGroupBytes ?? MAX_ROW_GROUP_BYTES;
    if (bytes > maxBytes)
      throw new SourceError(
        `${this.ctx.where}: ${this.display}: row group ${g} (rows ${start}–${end - 1}) holds ${bytes} bytes uncompressed in the columns read, over the ${maxBytes}-byte limit flanmix decodes at once (maxRowGroupBytes); rewrite the file with smaller row groups`,
      );
    try {
      let rows = (await parquetReadObjects({
        file: this.buffer,
        metadata: this.metadata,
        columns: this.ctx.columns.map((c) => fileColumn(this.ctx, c)),
        rowStart: start,
        rowEnd: end,
        compressors,
      })) as Row[];
      const rename = this.ctx.rename;
      if (rename) {
        rows = rows.map((row) => renameRow(row, rename));
      }
      this.groupsRead++;
      if (rows.length !== end - start) throw new Error(`expected ${end - start} rows, got ${rows.length}`);
      return rows;
    } catch (e) {
      throw new CorruptFileError(
        `${this.ctx.where}: ${this.display}: row group ${g} cannot be read: ${(e as Error).message}`,
        this.path,
        this.display,
      );
    }
  }

  async close(): Promise<void> {
    await this.handle?.close();
  }
}

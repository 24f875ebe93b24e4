import type { Row } from '../adapters/types.js';

/** Called for each row a scan reaches; returning `false` stops the scan. */
export type RowVisitor = (index: number, row: Row, file: string, rowInFile: number) => boolean | undefined;

/**
 * One split's rows, from one or more files, addressed by a global row index (files in order). A scan visits
 * only the rows asked for, reading as little as the format allows: parquet decodes only the row groups that
 * hold a wanted row; JSONL and CSV stream the file and parse only the wanted lines.
 */
export interface RowTable {
  /** Display names of the files (repo paths, paths relative to the local folder, package paths). */
  readonly files: readonly string[];
  readonly numRows: number;
  /** Parquet row groups in the split (undefined for other formats). */
  readonly rowGroups: number | undefined;
  /** Parquet row groups decoded so far. */
  readonly groupsRead: number;
  /** Rows in each parquet row group, in order across the files (parquet only; row-groups.ts samples by them). */
  groupSizes?(): number[] | undefined;
  /** Text lines that are not valid UTF-8 (read with U+FFFD in their place), with the first: `file line N`. */
  readonly invalidUtf8?: { lines: number; first: string } | undefined;
  /** Visits the rows at `wanted` (ascending global indices), or every row in order when `wanted` is null. */
  scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void>;
  close(): Promise<void>;
}

/** Rows already in memory (the shipped samples). */
export class ArrayTable implements RowTable {
  readonly rowGroups = undefined;
  readonly groupsRead = 0;
  readonly files: readonly string[];
  constructor(
    private readonly rows: readonly Row[],
    file: string,
  ) {
    this.files = [file];
  }
  get numRows(): number {
    return this.rows.length;
  }
  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    const file = this.files[0]!;
    if (wanted === null) {
      for (let i = 0; i < this.rows.length; i++) if (visit(i, this.rows[i]!, file, i) === false) return;
      return;
    }
    for (let k = 0; k < wanted.length; k++) {
      const i = wanted[k]!;
      if (visit(i, this.rows[i]!, file, i) === false) return;
    }
  }
  async close(): Promise<void> {}
}

/** Several files of one split, end to end. */
export class ConcatTable implements RowTable {
  readonly files: readonly string[];
  readonly numRows: number;
  readonly rowGroups: number | undefined;
  private readonly starts: number[] = [];

  constructor(private readonly parts: readonly RowTable[]) {
    this.files = parts.flatMap((p) => p.files);
    let start = 0;
    for (const p of parts) {
      this.starts.push(start);
      start += p.numRows;
    }
    this.numRows = start;
    this.rowGroups = parts.every((p) => p.rowGroups !== undefined)
      ? parts.reduce((n, p) => n + p.rowGroups!, 0)
      : undefined;
  }

  get groupsRead(): number {
    return this.parts.reduce((n, p) => n + p.groupsRead, 0);
  }

  groupSizes(): number[] | undefined {
    const parts = this.parts.map((p) => p.groupSizes?.());
    return parts.every((p) => p !== undefined) ? parts.flat() : undefined;
  }

  get invalidUtf8(): { lines: number; first: string } | undefined {
    const bad = this.parts.filter((p) => p.invalidUtf8);
    if (bad.length === 0) return undefined;
    return { lines: bad.reduce((n, p) => n + p.invalidUtf8!.lines, 0), first: bad[0]!.invalidUtf8!.first };
  }

  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    let k = 0;
    for (let f = 0; f < this.parts.length; f++) {
      const part = this.parts[f]!;
      const start = this.starts[f]!;
      const end = start + part.numRows;
      let local: number[] | null = null;
      if (wanted !== null) {
        local = [];
        while (k < wanted.length && wanted[k]! < end) local.push(wanted[k++]! - start);
        if (local.length === 0) continue;
      }
      let stopped = false;
      await part.scan(local, (i, row, file, rowInFile) => {
        if (visit(start + i, row, file, rowInFile) === false) {
          stopped = true;
          return false;
        }
        return undefined;
      });
      if (stopped) return;
    }
  }

  async close(): Promise<void> {
    for (const p of this.parts) await p.close();
  }
}

// Rows from a file the user drops on the page, read in the browser: parquet (hyparquet), JSONL or CSV/TSV,
// typed by the registry's columns as the local source types them.
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Row } from '../../adapters/types.js';
import { FlanmixError } from '../../registry/errors.js';
import type { Task } from '../../registry/schema.js';
import { CsvParser, coerceCell } from '../../sources/csv.js';

/** At most this many rows are shown; the rest of a large file is not needed to review templates. */
export const MAX_FILE_ROWS = 200;

export async function rowsFromFile(file: File, task: Task): Promise<Row[]> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.parquet')) {
    const rows = (await parquetReadObjects({
      file: await file.arrayBuffer(),
      rowStart: 0,
      rowEnd: MAX_FILE_ROWS,
      compressors,
    })) as Row[];
    return rows.map(plainNumbers);
  }
  const text = await file.text();
  if (name.endsWith('.jsonl') || name.endsWith('.json')) return jsonLines(text, file.name);
  if (name.endsWith('.csv') || name.endsWith('.tsv'))
    return csvRows(text, file.name, task, name.endsWith('.tsv'));
  throw new FlanmixError(`${file.name}: expected a .parquet, .jsonl, .csv or .tsv file`);
}

function jsonLines(text: string, file: string): Row[] {
  const rows: Row[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    if (rows.length >= MAX_FILE_ROWS) break;
    try {
      rows.push(JSON.parse(line) as Row);
    } catch (e) {
      throw new FlanmixError(`${file} line ${i + 1}: not valid JSON (${(e as Error).message})`);
    }
  }
  return rows;
}

function csvRows(text: string, file: string, task: Task, tsv: boolean): Row[] {
  const records: { record: string[]; line: number }[] = [];
  const parser = new CsvParser(tsv ? '\t' : ',', !tsv, file);
  const emit = (record: string[], line: number) => {
    if (records.length <= MAX_FILE_ROWS) records.push({ record, line });
  };
  parser.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, emit);
  parser.end(emit);
  const [header, ...body] = records;
  if (!header) return [];
  const types = task.columns;
  return body.map(({ record, line }) => {
    const row: Row = {};
    header.record.forEach((col, i) => {
      const type = types[col];
      const cell = record[i] ?? '';
      row[col] = type ? coerceCell(cell, type, () => `${file} line ${line} column "${col}"`) : cell;
    });
    return row;
  });
}

/** Parquet int64 columns arrive as BigInt; adapters take numbers, as the Node source gives them. */
function plainNumbers(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

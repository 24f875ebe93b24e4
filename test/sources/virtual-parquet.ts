// Parquet files far larger than memory, generated range by range: one real row group (written with
// hyparquet-writer) repeated N times, then a footer whose row-group metadata points at each copy's offsets.
// Column chunk offsets live in the footer only (data page headers hold no absolute offsets), so every copy
// reads back as a valid row group. Copies can be told apart: the template's rows carry a marker
// (`COPY_MARKER`) inside uncompressed PLAIN strings, and each copy gets its own number written over it (a
// template without the marker makes identical copies).
import type { FileMetaData } from 'hyparquet';
import { parquetMetadata } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import type { VirtualFile } from './hub-server.js';

/** Written in the template rows' strings; each copy replaces the zeros with its number (`copyLabel`). */
export const COPY_MARKER = 'copy#000000#';
export const copyLabel = (copy: number) => `copy#${String(copy).padStart(6, '0')}#`;

const MAGIC = new TextEncoder().encode('PAR1');

export interface VirtualParquet extends VirtualFile {
  /** Rows per copy, and copies (row groups) in the file. */
  groupRows: number;
  copies: number;
  /** Byte span [start, end) of copy `k`'s row group. */
  groupSpan(k: number): [number, number];
}

/**
 * A file of `copies` row groups, each the single row group of `template` (an uncompressed file written with
 * PLAIN strings, no statistics and no page indexes). Copy `k` of this file carries the label
 * `copyLabel(firstCopy + k)` in place of every COPY_MARKER.
 */
export function virtualParquet(
  template: Uint8Array,
  copies: number,
  firstCopy: number,
  id: string,
): VirtualParquet {
  const meta = parquetMetadata(template);
  if (meta.row_groups.length !== 1) throw new Error('the template must hold exactly one row group');
  const group = meta.row_groups[0]!;
  const chunkStart = (c: (typeof group.columns)[number]) =>
    Number(c.meta_data!.dictionary_page_offset ?? c.meta_data!.data_page_offset);
  const start = Math.min(...group.columns.map(chunkStart));
  const end = Math.max(
    ...group.columns.map((c) => chunkStart(c) + Number(c.meta_data!.total_compressed_size)),
  );
  if (start !== MAGIC.length)
    throw new Error(`the template's row group starts at ${start}, not after the magic`);
  const bytes = template.subarray(start, end);
  const length = end - start;

  // Where the marker sits in the row group (every occurrence is patched per copy).
  const marker = new TextEncoder().encode(COPY_MARKER);
  const markers: number[] = [];
  for (
    let i = bytes.indexOf(marker[0]!);
    i >= 0 && i <= length - marker.length;
    i = bytes.indexOf(marker[0]!, i + 1)
  ) {
    if (marker.every((b, j) => bytes[i + j] === b)) markers.push(i);
  }

  const shift = (k: number) => BigInt(k * length);
  const footerMeta: FileMetaData = {
    ...meta,
    num_rows: group.num_rows * BigInt(copies),
    row_groups: Array.from({ length: copies }, (_, k) => ({
      ...group,
      ...(group.file_offset !== undefined ? { file_offset: group.file_offset + shift(k) } : {}),
      columns: group.columns.map((c) => ({
        ...c,
        // The template's page indexes (if any) are not copied.
        offset_index_offset: undefined,
        offset_index_length: undefined,
        column_index_offset: undefined,
        column_index_length: undefined,
        file_offset: c.file_offset + shift(k),
        meta_data: {
          ...c.meta_data!,
          data_page_offset: c.meta_data!.data_page_offset + shift(k),
          ...(c.meta_data!.dictionary_page_offset !== undefined
            ? { dictionary_page_offset: c.meta_data!.dictionary_page_offset + shift(k) }
            : {}),
        },
      })),
    })),
  };
  const writer = new ByteWriter();
  writeMetadata(writer, footerMeta);
  writer.appendBytes(MAGIC);
  const footer = writer.getBytes();

  const dataEnd = MAGIC.length + copies * length;
  const size = dataEnd + footer.length;

  return {
    size,
    sha256: id,
    groupRows: Number(group.num_rows),
    copies,
    groupSpan: (k) => [MAGIC.length + k * length, MAGIC.length + (k + 1) * length],
    read(from, to) {
      const out = new Uint8Array(Math.max(0, Math.min(to, size) - from));
      const put = (src: Uint8Array, at: number) => {
        // src sits at file offset `at`: copy its overlap with [from, to)
        const a = Math.max(from, at);
        const b = Math.min(from + out.length, at + src.length);
        if (b > a) out.set(src.subarray(a - at, b - at), a - from);
      };
      put(MAGIC, 0);
      const first = Math.max(0, Math.floor((from - MAGIC.length) / length));
      const last = Math.min(copies - 1, Math.floor((from + out.length - 1 - MAGIC.length) / length));
      for (let k = first; k <= last; k++) {
        const at = MAGIC.length + k * length;
        put(bytes, at);
        const label = new TextEncoder().encode(copyLabel(firstCopy + k));
        for (const m of markers) put(label, at + m);
      }
      put(footer, dataEnd);
      return out;
    },
  };
}

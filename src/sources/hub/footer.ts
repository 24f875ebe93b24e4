import { type FileMetaData, parquetMetadataAsync } from 'hyparquet';
import type { RangeRequester } from './range-request.js';

/** The file's footer cannot be parsed as parquet metadata. */
export class UnreadableFooter extends Error {
  override name = 'UnreadableFooter';
}

/**
 * Reads a remote parquet file's metadata by two exact range requests: the last 8 bytes (the metadata length
 * and the `PAR1` magic), then the metadata itself. No byte of row data is asked for. Returns the metadata and
 * the bytes fetched. Transfer errors pass through as they are; anything else is an UnreadableFooter.
 */
export async function readRemoteFooter(
  requester: RangeRequester,
  size: number,
): Promise<{ metadata: FileMetaData; bytes: number }> {
  if (size < 12) throw new UnreadableFooter(`${size} bytes is too short for a parquet file`);
  let bytes = 0;
  let transfer: unknown;
  const buffer = {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      try {
        const part = await requester.read(start, Math.min(end ?? size, size));
        bytes += part.length;
        return part.buffer.slice(part.byteOffset, part.byteOffset + part.length) as ArrayBuffer;
      } catch (e) {
        transfer = e;
        throw e;
      }
    },
  };
  try {
    // An initial fetch of 8 bytes makes hyparquet ask for exactly the metadata next.
    const metadata = await parquetMetadataAsync(buffer, { initialFetchSize: 8 });
    return { metadata, bytes };
  } catch (e) {
    if (transfer !== undefined && e === transfer) throw e;
    throw new UnreadableFooter(e instanceof Error ? e.message : String(e));
  }
}

// TFRecord framing: uint64 length (little-endian), uint32 masked CRC-32C of the 8 length bytes, data,
// uint32 masked CRC-32C of the data.
import { maskedCrc32c } from './crc.js';
import { type ExampleFeatures, encodeExampleRecord } from './example.js';
import { type DecodedFeature, decodeExample } from './example-decode.js';

export class TfrecordError extends Error {
  override name = 'TfrecordError';
}

/** One framed record around `data`. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 16);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length % 0x100000000, true);
  view.setUint32(4, Math.floor(data.length / 0x100000000), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(data.length + 12, maskedCrc32c(data), true);
  return out;
}

/** A tf.train.Example framed as one TFRecord. */
export function exampleRecord(features: ExampleFeatures): Uint8Array {
  return encodeExampleRecord(features, maskedCrc32c);
}

/**
 * The records of a TFRecord file's bytes, each checked: both CRCs must match, and the file must end
 * exactly after the last record. Errors name the record number and byte offset.
 */
export function* readRecords(bytes: Uint8Array): Generator<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let n = 0;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new TfrecordError(`record ${n} at byte ${pos}: truncated header`);
    const length = view.getUint32(pos, true) + view.getUint32(pos + 4, true) * 0x100000000;
    if (view.getUint32(pos + 8, true) !== maskedCrc32c(bytes.subarray(pos, pos + 8)))
      throw new TfrecordError(`record ${n} at byte ${pos}: length CRC mismatch`);
    const start = pos + 12;
    const end = start + length;
    if (end + 4 > bytes.length) throw new TfrecordError(`record ${n} at byte ${pos}: truncated data`);
    const data = bytes.subarray(start, end);
    if (view.getUint32(end, true) !== maskedCrc32c(data))
      throw new TfrecordError(`record ${n} at byte ${pos}: data CRC mismatch`);
    yield data;
    pos = end + 4;
    n++;
  }
}

/** The tf.train.Examples of a TFRecord file's bytes (CRCs checked). */
export function* readExamples(bytes: Uint8Array): Generator<Record<string, DecodedFeature>> {
  for (const data of readRecords(bytes)) yield decodeExample(data);
}

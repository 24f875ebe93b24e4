// tf.train.Example, encoded and decoded by hand (protobuf wire format, proto3 packed repeated scalars):
//   Example  { Features features = 1; }
//   Features { map<string, Feature> feature = 1; }        map entry: { string key = 1; Feature value = 2; }
//   Feature  { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
//   BytesList { repeated bytes value = 1; }  FloatList { repeated float value = 1 [packed]; }
//   Int64List { repeated int64 value = 1 [packed]; }
// Map entries are written in key order (UTF-8 bytes), as protobuf's deterministic serialisation does.

// Decoding is in ./example-decode.ts.
import { bigVarintSize, varintSize, Writer } from './wire.js';

/** A feature value: typed integer arrays → int64_list, Float32Array → float_list, strings/bytes → bytes_list. */
export type ExampleValue =
  | Int32Array
  | BigInt64Array
  | Float32Array
  | readonly string[]
  | readonly Uint8Array[];
export type ExampleFeatures = Record<string, ExampleValue>;

const utf8 = new TextEncoder();
const keyCache = new Map<string, Uint8Array>();
function keyBytes(key: string): Uint8Array {
  let b = keyCache.get(key);
  if (!b) {
    b = utf8.encode(key);
    if (keyCache.size < 4096) keyCache.set(key, b);
  }
  return b;
}

interface Planned {
  key: Uint8Array;
  value: ExampleValue;
  kind: 'int64' | 'float' | 'bytes';
  /** Size of the list message (Int64List/FloatList/BytesList). */
  listSize: number;
  /** Packed payload size (int64/float). */
  payload: number;
  /** Int32Array payloads are varint-encoded once, into the scratch buffer, at this offset. */
  scratchAt?: number;
  items?: Uint8Array[];
  featureSize: number;
  entrySize: number;
}

// Scratch space for Int32Array payloads: encoded once while planning, copied into place when writing.
let scratch = new Uint8Array(1 << 16);

function ensureScratch(needed: number, used: number) {
  if (needed <= scratch.length) return;
  const grown = new Uint8Array(Math.max(needed, scratch.length * 2));
  grown.set(scratch.subarray(0, used));
  scratch = grown;
}

/** Varint-encodes an Int32Array (negative values as 10-byte two's complement) at `at`; returns the end. */
function encodeInt32Varints(value: Int32Array, at: number): number {
  ensureScratch(at + value.length * 10, at);
  const s = scratch;
  let p = at;
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    // Unsigned comparisons: one test per size class, negatives fall through to the last case.
    if (v >>> 0 < 0x80) {
      s[p++] = v;
    } else if (v >>> 0 < 0x4000) {
      s[p++] = (v & 0x7f) | 0x80;
      s[p++] = v >>> 7;
    } else if (v >>> 0 < 0x200000) {
      s[p++] = (v & 0x7f) | 0x80;
      s[p++] = ((v >>> 7) & 0x7f) | 0x80;
      s[p++] = v >>> 14;
    } else if (v >= 0) {
      let u = v;
      while (u >= 0x80) {
        s[p++] = (u & 0x7f) | 0x80;
        u >>>= 7;
      }
      s[p++] = u;
    } else {
      // Sign-extended to 64 bits: low 32 bits, then all ones.
      let lo = v >>> 0;
      for (let k = 0; k < 4; k++) {
        s[p++] = (lo & 0x7f) | 0x80;
        lo >>>= 7;
      }
      s[p++] = (lo & 0x0f) | 0x70 | 0x80; // bits 28–31, then sign bits 32–34
      for (let k = 0; k < 4; k++) s[p++] = 0xff;
      s[p++] = 0x01;
    }
  }
  return p;
}

function plan(key: string, value: ExampleValue, scratchUsed: number): Planned {
  const k = keyBytes(key);
  let kind: Planned['kind'];
  let listSize: number;
  let payload = 0;
  let items: Uint8Array[] | undefined;
  let scratchAt: number | undefined;
  if (value instanceof Int32Array) {
    kind = 'int64';
    scratchAt = scratchUsed;
    payload = encodeInt32Varints(value, scratchUsed) - scratchUsed;
    listSize = payload > 0 ? 1 + varintSize(payload) + payload : 0;
  } else if (value instanceof BigInt64Array) {
    kind = 'int64';
    for (const v of value) payload += bigVarintSize(v);
    listSize = payload > 0 ? 1 + varintSize(payload) + payload : 0;
  } else if (value instanceof Float32Array) {
    kind = 'float';
    payload = value.length * 4;
    listSize = payload > 0 ? 1 + varintSize(payload) + payload : 0;
  } else {
    kind = 'bytes';
    items = value.map((v) => (typeof v === 'string' ? utf8.encode(v) : v));
    listSize = 0;
    for (const it of items) listSize += 1 + varintSize(it.length) + it.length;
  }
  const featureSize = 1 + varintSize(listSize) + listSize;
  const entrySize = 1 + varintSize(k.length) + k.length + 1 + varintSize(featureSize) + featureSize;
  return { key: k, value, kind, listSize, payload, scratchAt, items, featureSize, entrySize };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Size of the serialised Example, and a function that writes it at `w`. */
function planExample(features: ExampleFeatures): { size: number; write: (w: Writer) => void } {
  let used = 0;
  const planned = Object.keys(features).map((key) => {
    const p = plan(key, features[key]!, used);
    if (p.scratchAt !== undefined) used += p.payload;
    return p;
  });
  planned.sort((x, y) => compareBytes(x.key, y.key));
  let featuresSize = 0;
  for (const p of planned) featuresSize += 1 + varintSize(p.entrySize) + p.entrySize;
  const size = featuresSize > 0 ? 1 + varintSize(featuresSize) + featuresSize : 0;
  const write = (w: Writer) => {
    if (featuresSize === 0) return;
    w.byte(0x0a); // Example.features
    w.varint(featuresSize);
    for (const p of planned) {
      w.byte(0x0a); // Features.feature (map entry)
      w.varint(p.entrySize);
      w.byte(0x0a); // entry.key
      w.varint(p.key.length);
      w.bytes(p.key);
      w.byte(0x12); // entry.value
      w.varint(p.featureSize);
      w.byte(p.kind === 'bytes' ? 0x0a : p.kind === 'float' ? 0x12 : 0x1a);
      w.varint(p.listSize);
      if (p.kind === 'bytes') {
        for (const it of p.items!) {
          w.byte(0x0a);
          w.varint(it.length);
          w.bytes(it);
        }
      } else if (p.payload > 0) {
        w.byte(0x0a); // packed values
        w.varint(p.payload);
        const v = p.value;
        if (p.scratchAt !== undefined) {
          w.bytes(scratch.subarray(p.scratchAt, p.scratchAt + p.payload));
        } else if (v instanceof BigInt64Array) {
          for (const x of v) w.bigVarint(x);
        } else {
          const f = v as Float32Array;
          const view = new DataView(w.buf.buffer, w.buf.byteOffset);
          for (let i = 0; i < f.length; i++) {
            view.setFloat32(w.pos, f[i]!, true);
            w.pos += 4;
          }
        }
      }
    }
  };
  return { size, write };
}
/** Serialises a tf.train.Example. */
export function encodeExample(features: ExampleFeatures): Uint8Array {
  const { size, write } = planExample(features);
  const w = new Writer(new Uint8Array(size));
  write(w);
  if (w.pos !== size) throw new Error(`tf.train.Example size mismatch: planned ${size}, wrote ${w.pos}`);
  return w.buf;
}

/** A framed record whose size is known before it is written (so it can go straight into a batch). */
export interface PlannedRecord {
  /** Bytes of the whole frame: 12 header bytes, the Example, 4 CRC bytes. */
  size: number;
  /** Writes the frame at `buf[at .. at + size)`. */
  writeTo(buf: Uint8Array, at: number): void;
}

/**
 * Plans a tf.train.Example framed as a TFRecord: 8-byte little-endian length, masked CRC-32C of those 8
 * bytes, the data, masked CRC-32C of the data. Write it before planning the next Example (the packed
 * integer payloads wait in a shared scratch buffer).
 */
export function planExampleRecord(
  features: ExampleFeatures,
  crc: (data: Uint8Array) => number,
): PlannedRecord {
  const { size, write } = planExample(features);
  return {
    size: size + 16,
    writeTo(buf, at) {
      const view = new DataView(buf.buffer, buf.byteOffset + at, size + 16);
      view.setUint32(0, size % 0x100000000, true);
      view.setUint32(4, Math.floor(size / 0x100000000), true);
      view.setUint32(8, crc(buf.subarray(at, at + 8)), true);
      const w = new Writer(buf);
      w.pos = at + 12;
      write(w);
      if (w.pos !== at + size + 12)
        throw new Error(`tf.train.Example size mismatch: planned ${size}, wrote ${w.pos - at - 12}`);
      view.setUint32(size + 12, crc(buf.subarray(at + 12, at + size + 12)), true);
    },
  };
}

/** A tf.train.Example framed as one TFRecord, in its own buffer. */
export function encodeExampleRecord(
  features: ExampleFeatures,
  crc: (data: Uint8Array) => number,
): Uint8Array {
  const planned = planExampleRecord(features, crc);
  const buf = new Uint8Array(planned.size);
  planned.writeTo(buf, 0);
  return buf;
}

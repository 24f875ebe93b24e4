// tf.train.Example, encoded and decoded by hand (protobuf wire format, proto3 packed repeated scalars):
//   Example  { Features features = 1; }
//   Features { map<string, Feature> feature = 1; }        map entry: { string key = 1; Feature value = 2; }
//   Feature  { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
//   BytesList { repeated bytes value = 1; }  FloatList { repeated float value = 1 [packed]; }
//   Int64List { repeated int64 value = 1 [packed]; }
// Map entries are written in key order (UTF-8 bytes), as protobuf's deterministic serialisation does.

/** A feature value: typed integer arrays → int64_list, Float32Array → float_list, strings/bytes → bytes_list. */
export type ExampleValue =
  | Int32Array
  | BigInt64Array
  | Float32Array
  | readonly string[]
  | readonly Uint8Array[];
export type ExampleFeatures = Record<string, ExampleValue>;

export type DecodedFeature =
  | { kind: 'int64'; values: number[] }
  | { kind: 'float'; values: number[] }
  | { kind: 'bytes'; values: Uint8Array[] };

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

function varintSize(v: number): number {
  if (v < 0) return 10;
  if (v < 0x80) return 1;
  if (v < 0x4000) return 2;
  if (v < 0x200000) return 3;
  if (v < 0x10000000) return 4;
  if (v < 0x800000000) return 5;
  let n = 5;
  let x = Math.floor(v / 0x800000000);
  while (x > 0) {
    n++;
    x = Math.floor(x / 128);
  }
  return n;
}

function bigVarintSize(v: bigint): number {
  let x = BigInt.asUintN(64, v);
  let n = 1;
  while (x >= 128n) {
    x >>= 7n;
    n++;
  }
  return n;
}

class Writer {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  byte(b: number) {
    this.buf[this.pos++] = b;
  }
  varint(v: number) {
    const buf = this.buf;
    if (v < 0) {
      this.bigVarint(BigInt(v));
      return;
    }
    while (v >= 0x80000000) {
      buf[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    while (v >= 0x80) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }
  bigVarint(v: bigint) {
    let x = BigInt.asUintN(64, v);
    while (x >= 128n) {
      this.buf[this.pos++] = Number(x & 127n) | 0x80;
      x >>= 7n;
    }
    this.buf[this.pos++] = Number(x);
  }
  bytes(b: Uint8Array) {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
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

// ---------------------------------------------------------------------------------------------------
// Decoding (used by the reader and the tests)

class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }
  done() {
    return this.pos >= this.end;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('varint too long');
    }
  }
  smallVarint(): number {
    // Fast path for lengths and tags (< 2^28), falls back to the general decoder.
    const start = this.pos;
    let result = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++]!;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
    this.pos = start;
    const v = this.varint();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('length too large');
    return Number(v);
  }
  sub(): Reader {
    const n = this.smallVarint();
    if (this.pos + n > this.end) throw new Error('truncated field');
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
  skip(wire: number) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += this.smallVarint();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error('truncated field');
  }
}

function int64ToNumber(v: bigint): number {
  const s = BigInt.asIntN(64, v);
  if (s > BigInt(Number.MAX_SAFE_INTEGER) || s < BigInt(Number.MIN_SAFE_INTEGER))
    throw new Error(`int64 value ${s} does not fit a JS number`);
  return Number(s);
}

function decodeFeature(r: Reader): DecodedFeature {
  let out: DecodedFeature = { kind: 'bytes', values: [] };
  while (!r.done()) {
    const tag = r.smallVarint();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire !== 2 || field < 1 || field > 3) {
      r.skip(wire);
      continue;
    }
    const list = r.sub();
    if (field === 1) {
      const values: Uint8Array[] = [];
      while (!list.done()) {
        const t = list.smallVarint();
        if (t === 0x0a) {
          const item = list.sub();
          values.push(item.buf.subarray(item.pos, item.end));
        } else list.skip(t & 7);
      }
      out = { kind: 'bytes', values };
    } else if (field === 2) {
      const values: number[] = [];
      while (!list.done()) {
        const t = list.smallVarint();
        if (t === 0x0a) {
          const packed = list.sub();
          const view = new DataView(packed.buf.buffer, packed.buf.byteOffset);
          for (let p = packed.pos; p + 4 <= packed.end; p += 4) values.push(view.getFloat32(p, true));
        } else if (t === 0x0d) {
          const view = new DataView(list.buf.buffer, list.buf.byteOffset);
          values.push(view.getFloat32(list.pos, true));
          list.pos += 4;
        } else list.skip(t & 7);
      }
      out = { kind: 'float', values };
    } else {
      const values: number[] = [];
      while (!list.done()) {
        const t = list.smallVarint();
        if (t === 0x0a) {
          const packed = list.sub();
          while (!packed.done()) values.push(int64ToNumber(packed.varint()));
        } else if (t === 0x08) values.push(int64ToNumber(list.varint()));
        else list.skip(t & 7);
      }
      out = { kind: 'int64', values };
    }
  }
  return out;
}

/** Parses a serialised tf.train.Example into its features. */
export function decodeExample(data: Uint8Array): Record<string, DecodedFeature> {
  const out: Record<string, DecodedFeature> = {};
  const r = new Reader(data);
  const utf8d = new TextDecoder('utf-8', { fatal: true });
  while (!r.done()) {
    const tag = r.smallVarint();
    if (tag !== 0x0a) {
      r.skip(tag & 7);
      continue;
    }
    const features = r.sub();
    while (!features.done()) {
      const t = features.smallVarint();
      if (t !== 0x0a) {
        features.skip(t & 7);
        continue;
      }
      const entry = features.sub();
      let key = '';
      let value: DecodedFeature = { kind: 'bytes', values: [] };
      while (!entry.done()) {
        const et = entry.smallVarint();
        if (et === 0x0a) {
          const k = entry.sub();
          key = utf8d.decode(k.buf.subarray(k.pos, k.end));
        } else if (et === 0x12) {
          value = decodeFeature(entry.sub());
        } else entry.skip(et & 7);
      }
      out[key] = value;
    }
  }
  return out;
}

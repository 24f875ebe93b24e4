// tf.train.Example decoding (used by the reader and the tests); the wire format is described in ./example.ts.

export type DecodedFeature =
  | { kind: 'int64'; values: number[] }
  | { kind: 'float'; values: number[] }
  | { kind: 'bytes'; values: Uint8Array[] };

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

// Protobuf wire-format primitives for writing: varint sizes and a cursor over a byte buffer.

export function varintSize(v: number): number {
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

export function bigVarintSize(v: bigint): number {
  let x = BigInt.asUintN(64, v);
  let n = 1;
  while (x >= 128n) {
    x >>= 7n;
    n++;
  }
  return n;
}

export class Writer {
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

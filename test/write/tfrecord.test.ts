import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PackedRow } from '../../src/pack/options.js';
import { packedRowJson, writePackedJsonlShards } from '../../src/write/packed-jsonl.js';
import { crc32cOf, maskCrc, maskedCrc32c, unmaskCrc } from '../../src/write/tfrecord/crc.js';
import { encodeExample } from '../../src/write/tfrecord/example.js';
import { decodeExample } from '../../src/write/tfrecord/example-decode.js';
import { readTfrecordExamples, readTfrecordFile } from '../../src/write/tfrecord/reader.js';
import {
  exampleRecord,
  frameRecord,
  readExamples,
  readRecords,
  TfrecordError,
} from '../../src/write/tfrecord/record.js';
import { writeTfrecordShards } from '../../src/write/tfrecord/writer.js';

// Computed independently with TensorFlow 2.21 (tf.train.Example.SerializeToString(deterministic=True) and
// tf.io.TFRecordWriter writing b'' then that Example), see docs/packing.md:
//   tokens  = int64_list [0, 1, 127, 128, 300, 32000, 2**31-1, -1]
//   text    = bytes_list [b'', b'hello', 'héllo ▁'.encode()]
//   weights = float_list [1.5, -2.0]
//   empty   = int64_list []
const TF_EXAMPLE =
  '0a700a0b0a05656d70747912021a000a1f0a047465787412170a150a000a0568656c6c6f0a0a68c3a96c6c6f20e296810a270a06746f6b656e73121d1a1b0a1900017f8001ac0280fa01ffffffff07ffffffffffffffffff010a170a0777656967687473120c120a0a080000c03f000000c0';
const TF_FILE = `000000000000000029039807d8ea82a2720000000000000025053a82${TF_EXAMPLE}f179be82`;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const features = () => ({
  tokens: Int32Array.of(0, 1, 127, 128, 300, 32000, 2 ** 31 - 1, -1),
  text: ['', 'hello', 'héllo ▁'],
  weights: Float32Array.of(1.5, -2.0),
  empty: new Int32Array(0),
});

describe('CRC-32C', () => {
  it('matches the RFC 3720 check values', () => {
    expect(crc32cOf(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32cOf(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32cOf(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  it('is masked as TFRecord does, and unmasks back', () => {
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
    for (const c of [0, 1, 0xe3069283, 0xffffffff, 0x12345678]) expect(unmaskCrc(maskCrc(c))).toBe(c);
  });

  it('reads only the bytes of a subarray', () => {
    const big = new Uint8Array([9, 9, ...new TextEncoder().encode('123456789'), 9]);
    expect(crc32cOf(big.subarray(2, 11))).toBe(0xe3069283);
  });
});

describe('TFRecord framing and tf.train.Example, against TensorFlow', () => {
  it('an empty record', () => {
    expect(hex(frameRecord(new Uint8Array(0)))).toBe(TF_FILE.slice(0, 32));
  });

  it('a known Example: the same bytes as TensorFlow', () => {
    expect(hex(encodeExample(features()))).toBe(TF_EXAMPLE);
    expect(hex(frameRecord(encodeExample(features())))).toBe(TF_FILE.slice(32));
    expect(hex(exampleRecord(features()))).toBe(TF_FILE.slice(32));
  });

  it("reads TensorFlow's file back, checking both CRCs", () => {
    const records = [...readRecords(bytes(TF_FILE))];
    expect(records.map(hex)).toEqual(['', TF_EXAMPLE]);
    const ex = decodeExample(records[1]!);
    expect(ex.tokens).toEqual({ kind: 'int64', values: [0, 1, 127, 128, 300, 32000, 2 ** 31 - 1, -1] });
    expect(ex.weights).toEqual({ kind: 'float', values: [1.5, -2] });
    expect(ex.empty).toEqual({ kind: 'int64', values: [] });
    expect(ex.text!.kind).toBe('bytes');
    expect((ex.text!.values as Uint8Array[]).map((v) => new TextDecoder().decode(v))).toEqual([
      '',
      'hello',
      'héllo ▁',
    ]);
  });

  it('rejects a corrupt length, corrupt data and a truncated file', () => {
    const good = bytes(TF_FILE);
    const badLength = good.slice();
    badLength[16 + 1]! ^= 1;
    expect(() => [...readRecords(badLength)]).toThrow(/record 1 at byte 16: length CRC mismatch/);
    const badData = good.slice();
    badData[16 + 12 + 5]! ^= 0x40;
    expect(() => [...readRecords(badData)]).toThrow(/record 1 at byte 16: data CRC mismatch/);
    const badCrc = good.slice();
    badCrc[badCrc.length - 1]! ^= 1;
    expect(() => [...readRecords(badCrc)]).toThrow(TfrecordError);
    expect(() => [...readRecords(good.subarray(0, good.length - 3))]).toThrow(/truncated data/);
    expect(() => [...readRecords(good.subarray(0, 20))]).toThrow(/truncated/);
  });

  it('round-trips large and edge values', () => {
    const f = {
      big: Int32Array.of(-(2 ** 31), -2, 2 ** 31 - 1, 16383, 16384, 2097151, 2097152, 268435455, 268435456),
      big64: BigInt64Array.of(2n ** 53n - 1n, -5n, 0n),
      many: Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 32000),
      'ключ ✓': ['x'.repeat(300)],
    };
    const ex = [...readExamples(exampleRecord(f))][0]!;
    expect(ex.big!.values).toEqual([...f.big]);
    expect(ex.big64!.values).toEqual([2 ** 53 - 1, -5, 0]);
    expect(ex.many!.values).toEqual([...f.many]);
    expect(new TextDecoder().decode((ex['ключ ✓']!.values as Uint8Array[])[0])).toBe('x'.repeat(300));
    expect(() => [...readExamples(exampleRecord({ x: BigInt64Array.of(-(2n ** 63n)) }))]).toThrow(
      /does not fit/,
    );
    // Map entries in key order (UTF-8 bytes), whatever the insertion order.
    expect(hex(encodeExample({ b: Int32Array.of(1), a: Int32Array.of(2) }))).toBe(
      hex(encodeExample({ a: Int32Array.of(2), b: Int32Array.of(1) })),
    );
  });
});

describe('writeTfrecordShards', () => {
  const rows: PackedRow[] = Array.from({ length: 37 }, (_, i) => ({
    encoder_input_tokens: Int32Array.from({ length: 16 }, (_, k) => (i * 31 + k) % 1000),
    decoder_target_tokens: Int32Array.from({ length: 4 }, (_, k) => i + k),
    dataset: [`d${i}`, 'rte'],
  }));

  it('round-robin shards named like seqio, each record readable with both CRCs checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    const shards = await writeTfrecordShards(rows, { dir, shards: 4 });
    expect(shards.map((s) => s.file)).toEqual([0, 1, 2, 3].map((i) => `train.tfrecord-0000${i}-of-00004`));
    expect(shards.map((s) => s.records)).toEqual([10, 9, 9, 9]);
    expect(readdirSync(dir).sort()).toEqual(shards.map((s) => s.file));
    for (const [i, s] of shards.entries()) {
      const file = readFileSync(join(dir, s.file));
      expect(s.bytes).toBe(file.length);
      expect(s.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      expect(readTfrecordFile(join(dir, s.file))).toHaveLength(s.records);
      const examples = readTfrecordExamples(join(dir, s.file));
      examples.forEach((ex, k) => {
        const row = rows[k * 4 + i]!;
        expect(ex.encoder_input_tokens!.values).toEqual([...(row.encoder_input_tokens as Int32Array)]);
        expect(ex.decoder_target_tokens!.values).toEqual([...(row.decoder_target_tokens as Int32Array)]);
        expect((ex.dataset!.values as Uint8Array[]).map((v) => Buffer.from(v).toString())).toEqual(
          row.dataset,
        );
      });
    }
  });

  it('writes the same bytes every time, and leaves no file behind on failure', async () => {
    const a = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    const b = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    const sa = await writeTfrecordShards(rows, { dir: a, shards: 3 });
    const sb = await writeTfrecordShards(rows, { dir: b, shards: 3 });
    expect(sa).toEqual(sb);
    const c = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    async function* failing() {
      yield rows[0]!;
      throw new Error('upstream failed');
    }
    await expect(writeTfrecordShards(failing(), { dir: c, shards: 2 })).rejects.toThrow('upstream failed');
    expect(readdirSync(c)).toEqual([]);
  });

  it('gathers records into batches: files are exactly the records framed one by one, across batch ends and for records larger than a batch', async () => {
    // Sizes around the 1 MiB batch: many small, some ~300 KB (several per batch, one crossing its end),
    // and one of ~2.5 MB (larger than a batch).
    const sizes = [10, 80_000, 80_000, 80_000, 80_000, 5, 600_000, 1, 80_000, 80_000, 7, 3];
    const big: PackedRow[] = sizes.map((n, i) => ({
      tokens: Int32Array.from({ length: n }, (_, k) => (k * 7919 + i) % 40_000),
      task: [`t${i}`],
    }));
    const dir = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    const shards = await writeTfrecordShards(big, { dir, shards: 2 });
    for (const [s, info] of shards.entries()) {
      const want = Buffer.concat(big.filter((_, i) => i % 2 === s).map((r) => exampleRecord(r as never)));
      expect(readFileSync(join(dir, info.file)).equals(want)).toBe(true);
      expect(info.records).toBe(sizes.length / 2);
    }
    // The same through gzip, whose stream holds on to a batch until it has compressed it.
    const gz = mkdtempSync(join(tmpdir(), 'flanmix-tfr-'));
    const lines = await writePackedJsonlShards(big, { dir: gz, shards: 2, gzip: true });
    for (const [s, info] of lines.entries()) {
      const want = big
        .filter((_, i) => i % 2 === s)
        .map(packedRowJson)
        .join('');
      expect(gunzipSync(readFileSync(join(gz, info.file))).toString()).toBe(want);
    }
  });
});

// End to end: records → tokenizer → packer → TFRecord / packed JSONL shards + info.train.json + stats.train.json.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { packExamples } from '../../src/pack/index.js';
import { featureSpecs, type PackOptionsInput, PackOptionsSchema } from '../../src/pack/options.js';
import { loadTokenizer } from '../../src/tokenize/load-node.js';
import { tokenizeRecords } from '../../src/tokenize/records.js';
import { packedRowJson } from '../../src/write/packed-jsonl.js';
import { RowStats } from '../../src/write/stats.js';
import { writePackedOutput } from '../../src/write/tfrecord/output.js';
import { readTfrecordExamples } from '../../src/write/tfrecord/reader.js';

const records: MixtureRecord[] = Array.from({ length: 60 }, (_, i) => ({
  inputs: `Premise: example number ${i} says ${'many words '.repeat(i % 13)}.\nOPTIONS:\n- yes\n- no`,
  targets: i % 3 ? 'yes' : `a longer answer ${'again '.repeat(i % 7)}`,
  dataset: i % 2 ? 'rte' : 'bool_q',
  task: i % 2 ? 'rte' : 'bool_q',
  cluster: 'nli',
  template: i % 10,
  inverted: false,
  format: 'instruction',
}));

async function build(pack: PackOptionsInput, format: 'tfrecord' | 'jsonl', workers = 1) {
  const tokenizer = await loadTokenizer({ kind: 'default', workers, forceWorkers: true, native: 'off' });
  const dir = mkdtempSync(join(tmpdir(), 'flanmix-out-'));
  const options = PackOptionsSchema.parse(pack);
  const rows = packExamples(tokenizeRecords(records, tokenizer, { batchSize: 8 }), tokenizer, options);
  const out = await writePackedOutput(rows, {
    dir,
    shards: 3,
    format,
    features: featureSpecs(options),
    info: { layout: options.layout, tokenizer: { name: tokenizer.name, hash: tokenizer.hash } },
  });
  await tokenizer.close?.();
  return { dir, out, options };
}

describe('packed output', () => {
  it('TFRecord shards, seqio-style info.train.json and stats.train.json', async () => {
    const { dir, out } = await build(
      { inputLength: 128, targetLength: 32, keep: ['inputs_pretokenized'] },
      'tfrecord',
    );
    const info = JSON.parse(readFileSync(join(dir, 'info.train.json'), 'utf8'));
    expect(info.num_shards).toBe(3);
    expect(info.features.encoder_input_tokens).toEqual({ dtype: 'int32', shape: [128] });
    expect(info.features.decoder_loss_weights).toEqual({ dtype: 'int32', shape: [32] });
    expect(info.features.inputs_pretokenized).toEqual({ dtype: 'string', shape: [null] });
    // seqio calls _feature_config(**desc): nothing but dtype and shape.
    for (const desc of Object.values(info.features))
      expect(Object.keys(desc as object).sort()).toEqual(['dtype', 'shape']);
    expect(info.flanmix.layout).toBe('enc-dec');

    const stats = JSON.parse(readFileSync(join(dir, 'stats.train.json'), 'utf8'));
    expect(stats).toEqual(out.stats);
    expect(stats.examples).toBe(60);
    const rows = out.shards.flatMap((s) => readTfrecordExamples(join(dir, s.file)));
    expect(rows).toHaveLength(stats.rows);
    const nonPad = (k: string) => rows.reduce((n, r) => n + r[k]!.values.filter((v) => v !== 0).length, 0);
    expect(stats.inputs_tokens).toBe(nonPad('encoder_segment_ids'));
    expect(stats.targets_tokens).toBe(nonPad('decoder_segment_ids'));
    expect(stats.features.encoder_input_tokens.fill).toBeCloseTo(
      stats.inputs_tokens / (stats.rows * 128),
      10,
    );
    expect(stats.inputs_fill).toBe(stats.features.encoder_input_tokens.fill);
    expect(stats.features.decoder_loss_weights.sum).toBe(stats.targets_tokens);
    const texts = rows.flatMap((r) =>
      (r.inputs_pretokenized!.values as Uint8Array[]).map((v) => Buffer.from(v).toString()),
    );
    expect(texts.sort()).toEqual(records.map((r) => r.inputs).sort());
  });

  it('packed JSONL holds the same rows as TFRecord', async () => {
    const a = await build({ layout: 'decoder-only', inputLength: 100, targetLength: 28 }, 'tfrecord');
    const b = await build({ layout: 'decoder-only', inputLength: 100, targetLength: 28 }, 'jsonl');
    expect(b.out.shards.map((s) => s.file)).toEqual(
      [0, 1, 2].map((i) => `train.packed-0000${i}-of-00003.jsonl`),
    );
    expect(b.out.stats).toEqual(a.out.stats);
    for (const [i, s] of a.out.shards.entries()) {
      const tf = readTfrecordExamples(join(a.dir, s.file));
      const lines = readFileSync(join(b.dir, b.out.shards[i]!.file), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.length).toBe(tf.length);
      lines.forEach((line, k) => {
        expect(Object.keys(line)).toEqual(featureSpecs(a.options).map((f) => f.name));
        for (const key of Object.keys(line)) expect(line[key]).toEqual(tf[k]![key]!.values);
      });
    }
    expect(a.out.stats.row_fill).toBeGreaterThan(0.5);
    expect(a.out.stats.inputs_fill! + a.out.stats.targets_fill!).toBeCloseTo(a.out.stats.row_fill!, 10);
  });

  it('packer none: variable-length inputs/targets, stats as seqio counts them', async () => {
    const { dir, out } = await build({ packer: 'none' }, 'tfrecord');
    const info = JSON.parse(readFileSync(join(dir, 'info.train.json'), 'utf8'));
    expect(info.features).toEqual({
      inputs: { dtype: 'int32', shape: [null] },
      targets: { dtype: 'int32', shape: [null] },
    });
    expect(out.stats.rows).toBe(60);
    expect(out.stats.examples).toBe(60);
    const rows = out.shards.flatMap((s) => readTfrecordExamples(join(dir, s.file)));
    expect(rows.every((r) => r.inputs!.values.at(-1) === 2 && r.targets!.values.at(-1) === 2)).toBe(true);
  });

  it('the same bytes whatever the number of tokenizer threads', async () => {
    const one = await build({ inputLength: 96, targetLength: 24, window: 16 }, 'tfrecord', 1);
    const three = await build({ inputLength: 96, targetLength: 24, window: 16 }, 'tfrecord', 3);
    expect(three.out.shards).toEqual(one.out.shards);
    expect(readFileSync(join(three.dir, 'stats.train.json'))).toEqual(
      readFileSync(join(one.dir, 'stats.train.json')),
    );
  });

  it('row JSON is compact and stable', () => {
    expect(packedRowJson({ a: Int32Array.of(1, 2), t: ['x"y'] })).toBe('{"a":[1,2],"t":["x\\"y"]}\n');
    const s = new RowStats([]);
    expect(s.toJSON().rows).toBe(0);
  });
});

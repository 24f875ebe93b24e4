// stats.train.json against figures computed by hand on seqio's documented two-example case
// (EncDecFeatureConverter docstring: inputs [7,8,5,1] / [8,4,9,3,1], targets [3,9,1] / [4,1]).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureSpecs, type PackOptionsInput, PackOptionsSchema } from '../../src/pack/options.js';
import { packExamples } from '../../src/pack/pack.js';
import type { TokenizedExample } from '../../src/tokenize/types.js';
import { RowStats } from '../../src/write/stats.js';
import { writePackedOutput } from '../../src/write/tfrecord/output.js';

function example(i: number, inputs: number[], targets: number[]): TokenizedExample {
  return {
    record: {
      inputs: `in ${i}`,
      targets: `out ${i}`,
      dataset: 'd',
      task: String(i),
      cluster: 'c',
      template: 0,
      inverted: false,
      format: 'instruction',
    },
    inputs: Int32Array.from(inputs),
    targets: Int32Array.from(targets),
  };
}

/** Packs seqio's two examples (EOS = 1, padding 0) and returns the stats.train.json written beside the shard. */
async function statsFile(pack: PackOptionsInput): Promise<unknown> {
  const options = PackOptionsSchema.parse(pack);
  const examples = [example(0, [7, 8, 5], [3, 9]), example(1, [8, 4, 9, 3], [4])];
  const dir = mkdtempSync(join(tmpdir(), 'flanmix-stats-'));
  await writePackedOutput(packExamples(examples, { eosId: 1, padId: 0 }, options), {
    dir,
    shards: 1,
    format: 'tfrecord',
    features: featureSpecs(options),
    info: {},
  });
  return JSON.parse(readFileSync(join(dir, 'stats.train.json'), 'utf8'));
}

describe('stats.train.json on seqio’s two-example case', () => {
  it('enc-dec, 10 / 7: one row, 9 input and 5 target tokens, fills 9/10 and 5/7', async () => {
    // Inputs with EOS: 4 + 5 = 9 tokens, the longest 5; targets with EOS: 3 + 2 = 5, the longest 3.
    const enc = { length: 10, tokens: 9, fill: 0.9 };
    const dec = { length: 7, tokens: 5, fill: 5 / 7 };
    expect(await statsFile({ packer: 'greedy', inputLength: 10, targetLength: 7 })).toEqual({
      examples: 2,
      inputs_tokens: 9,
      targets_tokens: 5,
      inputs_max_tokens: 5,
      targets_max_tokens: 3,
      rows: 1,
      inputs_fill: 0.9,
      targets_fill: 5 / 7,
      features: {
        encoder_input_tokens: enc,
        encoder_segment_ids: enc,
        encoder_positions: enc,
        decoder_target_tokens: dec,
        decoder_input_tokens: dec,
        decoder_loss_weights: { ...dec, sum: 5 },
        decoder_segment_ids: dec,
        decoder_positions: dec,
      },
    });
  });

  it('decoder-only prefix LM, 7 + 8: one row of 15 holding 14 tokens, 9 of them inputs, 5 targets', async () => {
    // Row: 7 8 5 1 3 9 1 | 8 4 9 3 1 4 1 | pad. Loss on the 5 target tokens; causal attention over each
    // input plus its first target position (seqio's prefix): 4 + 1 and 5 + 1 = 11.
    const row = { length: 15, tokens: 14, fill: 14 / 15 };
    expect(
      await statsFile({ layout: 'decoder-only', packer: 'greedy', inputLength: 7, targetLength: 8 }),
    ).toEqual({
      examples: 2,
      inputs_tokens: 9,
      targets_tokens: 5,
      inputs_max_tokens: 5,
      targets_max_tokens: 3,
      rows: 1,
      inputs_fill: 9 / 15,
      targets_fill: 5 / 15,
      row_fill: 14 / 15,
      features: {
        decoder_target_tokens: row,
        decoder_input_tokens: row,
        decoder_loss_weights: { ...row, sum: 5 },
        decoder_positions: row,
        decoder_segment_ids: row,
        decoder_causal_attention: { ...row, sum: 11 },
      },
    });
  });
});

describe('stats of rows written by someone else', () => {
  it('count targets per segment whatever the segment ids (here 1 and 9 in a row of 6)', () => {
    const specs = featureSpecs(
      PackOptionsSchema.parse({ layout: 'decoder-only', inputLength: 3, targetLength: 3 }),
    );
    const stats = new RowStats(specs);
    stats.add({
      decoder_target_tokens: Int32Array.of(5, 6, 7, 8, 9, 0),
      decoder_input_tokens: Int32Array.of(0, 5, 6, 0, 8, 0),
      decoder_loss_weights: Int32Array.of(0, 1, 1, 0, 1, 0),
      decoder_segment_ids: Int32Array.of(1, 1, 1, 9, 9, 0),
      decoder_positions: Int32Array.of(0, 1, 2, 0, 1, 0),
      decoder_causal_attention: Int32Array.of(1, 1, 0, 1, 1, 0),
    });
    // Segment 1: 3 tokens, 2 of them targets; segment 9: 2 tokens, 1 target.
    expect(stats.toJSON()).toMatchObject({
      inputs_tokens: 2,
      targets_tokens: 3,
      inputs_max_tokens: 1,
      targets_max_tokens: 2,
    });
  });
});

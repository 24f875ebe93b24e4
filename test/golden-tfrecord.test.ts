// A tiny packed build's TFRecord shard, pinned by sha256 to the bytes TensorFlow decoded once
// (scripts/golden/tfrecord.sh: tf.data.TFRecordDataset + tf.io.parse_single_example with the feature spec of
// info.train.json). The decoded values are committed, so this test needs no Python: the same options must
// give the same bytes, and those bytes are the ones a TensorFlow trainer reads as the committed values.
// After an intended change of the output (tokenizer, packer, writer, the rte/cb raw phrasing), regenerate
// with scripts/golden/tfrecord.sh and review the diff.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMixture } from '../src/pipeline/index.js';
import { readTfrecordExamples } from '../src/write/tfrecord/reader.js';
import { tempDir } from './helpers.js';

interface Decoded {
  decodedBy: string;
  file: string;
  sha256: string;
  rows: Record<string, (number | string)[]>[];
}

const golden: Decoded = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'golden', 'tfrecord-decoded.json'), 'utf8'),
);

describe('golden TFRecord shard, decoded by TensorFlow', () => {
  it('the same options give the bytes TensorFlow decoded, and our reader agrees with it', async () => {
    const out = tempDir();
    // The options of scripts/golden/tfrecord.sh, flag for flag.
    await buildMixture({
      out,
      datasets: ['rte', 'cb'],
      format: 'no-template',
      seed: 1,
      output: 'tfrecord',
      shards: 1,
      pack: {
        inputLength: 192,
        targetLength: 8,
        keep: ['inputs_pretokenized', 'targets_pretokenized', 'task'],
      },
      tokenizer: { kind: 'default', workers: 1, native: 'off' },
    });
    const bytes = readFileSync(join(out, golden.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(golden.sha256);

    const rows = readTfrecordExamples(join(out, golden.file)).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, f]) => [
          k,
          f.values.map((v) => (typeof v === 'number' ? v : Buffer.from(v as Uint8Array).toString('utf8'))),
        ]),
      ),
    );
    expect(rows).toEqual(golden.rows);
    expect(golden.decodedBy).toMatch(/^tensorflow /);
    // The decoded shard holds packed rows (several examples share one) with the text kept beside them.
    expect(golden.rows.some((r) => Math.max(...(r.encoder_segment_ids as number[])) > 1)).toBe(true);
    expect(golden.rows.flatMap((r) => r.task)).toEqual(expect.arrayContaining(['rte', 'cb']));
  });
});

// The whole packed build (samples → adapters → templates → mixer → tokenizer threads → best-fit → TFRecord)
// gives the same shard bytes whatever the number of tokenizer threads, and the bytes the code gave before
// the performance work of issue 17 (rendering without the Handlebars runtime, the bounded word cache and
// the scanning word cut). The pins were taken with scripts/shard-hashes.mjs from the code before that work;
// they must only change on purpose, with a note in the changelog.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMixture } from '../../src/pipeline/index.js';
import { tempDir } from '../helpers.js';

const PINNED = {
  'enc-dec': [
    'fc2c5eced3e7bb5b96ab64861a0da6db664ed47ed06bcf557d307fd590e78c0c',
    'd72ff0dee862f9a4127127b1b935813b2c5100d66578d985f4b378619f463438',
  ],
  'decoder-only': [
    '6856a31703cc8f33e544b074bf4982a840467481ec2abc7dbf4ace2845256893',
    '0273c527b763c397f1a2c57fb9764195be2afbe184fdae2bebbdd4e9c1f4487a',
  ],
} as const;

async function shardHashes(layout: keyof typeof PINNED, workers: number): Promise<string[]> {
  const out = join(tempDir(), 'out');
  const r = await buildMixture({
    out,
    seed: 7,
    shards: 2,
    output: 'tfrecord',
    pack: { layout },
    tokenizer: { kind: 'default', workers, forceWorkers: true, native: 'off' },
  });
  return r.shards.map((s) =>
    createHash('sha256')
      .update(readFileSync(join(out, s.file)))
      .digest('hex'),
  );
}

describe('packed shards of every shipped sample', () => {
  for (const layout of ['enc-dec', 'decoder-only'] as const) {
    it(`${layout}: the pinned bytes with 1 and with 3 tokenizer threads`, async () => {
      expect(await shardHashes(layout, 1)).toEqual(PINNED[layout]);
      expect(await shardHashes(layout, 3)).toEqual(PINNED[layout]);
    });
  }
});

// Pins the exact bytes of packed rows for a fixed synthetic stream, so that refactoring or speeding up the
// packer, the row builders or the TFRecord encoder cannot change the output unnoticed. The hashes were
// taken from the code before the packer and the Example encoder were split into files (issue 18), and must
// only change on purpose, with a note in the changelog.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { type PackOptionsInput, packExamples } from '../../src/pack/index.js';
import type { TokenizedExample } from '../../src/tokenize/types.js';
import { packedRowJson } from '../../src/write/packed-jsonl.js';
import { encodeExampleRecord, maskedCrc32c } from '../../src/write/tfrecord/index.js';

/** 1,500 examples with long-tailed lengths (some past every cut) and ids over the whole 32k range. */
function* stream(): Generator<TokenizedExample> {
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  const ids = (n: number) => Int32Array.from({ length: n }, () => 3 + Math.floor(next() * 32_000));
  for (let i = 0; i < 1500; i++) {
    const record: MixtureRecord = {
      inputs: `input ${i}`,
      targets: `target ${i}`,
      dataset: `d${i % 7}`,
      task: `t${i % 7}`,
      cluster: 'c',
      template: i % 10,
      inverted: false,
      format: 'instruction',
    };
    yield {
      record,
      inputs: ids(Math.floor(next() ** 3 * 1400)),
      targets: ids(Math.floor(next() ** 4 * 400)),
    };
  }
}

async function digest(options: PackOptionsInput, as: 'tfrecord' | 'jsonl', padId: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const row of packExamples(stream(), { eosId: 2, padId }, options, undefined, {
    reuseRows: true,
  }))
    hash.update(as === 'tfrecord' ? encodeExampleRecord(row, maskedCrc32c) : packedRowJson(row));
  return hash.digest('hex');
}

const cases: [string, PackOptionsInput, 'tfrecord' | 'jsonl', string][] = [
  [
    'enc-dec best-fit',
    { window: 256 },
    'tfrecord',
    '87bd71ebe7abd1402799d1492ddd54bd9399f7875f731514ab78f1eb688aadc3',
  ],
  [
    'decoder-only best-fit',
    { layout: 'decoder-only', window: 256 },
    'tfrecord',
    '9ab83e69924d38819d5cab7a6b8111a62084a43b11a288777d8352bad746d8fb',
  ],
  [
    'enc-dec greedy, kept text',
    { packer: 'greedy', keep: ['inputs_pretokenized', 'task'] },
    'tfrecord',
    '02f3d4e97105c3a8ed4b8f13fddc07e0a14c1a7b29db4bbb8471edf1f3c3709a',
  ],
  [
    'decoder-only greedy',
    { layout: 'decoder-only', packer: 'greedy', length: 1024 },
    'jsonl',
    '3adaf7520ef6a42f691e2f876aea395980f4002dadf1e50fa276f36e0307270a',
  ],
  [
    'none, kept text',
    { packer: 'none', keep: ['template', 'targets_pretokenized'] },
    'tfrecord',
    '62e8e7029c1d4bf2de341b0d73b54479f74f2b1f487dec63ec3eb2cd2eafde62',
  ],
  [
    'enc-dec best-fit, padId != 0',
    { window: 64, inputLength: 512, targetLength: 128 },
    'jsonl',
    'c4f75f72e7030dbd70a969f4027ffa575c46dcf332dacba7a717d726f51d0412',
  ],
];

describe('packed bytes are pinned', () => {
  it.each(cases)('%s', async (name, options, as, expected) => {
    expect(await digest(options, as, name.includes('padId') ? 7 : 0)).toBe(expected);
  });
});

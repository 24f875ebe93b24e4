// `pack.bos` (--bos): decoder-only rows whose examples each start with the tokenizer's BOS id.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { emptyPackReport, packExamples } from '../../src/pack/index.js';
import type { PackedRow, PackOptionsInput } from '../../src/pack/options.js';
import { buildMixture } from '../../src/pipeline/build-mixture.js';
import { defaultTokenizerPath } from '../../src/tokenize/load-node.js';
import { prepareTokenizerJson, type TokenizerJson } from '../../src/tokenize/prepare.js';
import type { TokenizedExample } from '../../src/tokenize/types.js';
import { flanmix, tempDir } from '../helpers.js';

const EOS = 1;
const BOS = 2;
const PAD = 0;

function example(i: number, inputs: number[], targets: number[]): TokenizedExample {
  const record: MixtureRecord = {
    inputs: `in ${i}`,
    targets: `out ${i}`,
    dataset: 'd',
    task: String(i),
    cluster: 'c',
    template: 0,
    inverted: false,
    format: 'instruction',
  };
  return { record, inputs: Int32Array.from(inputs), targets: Int32Array.from(targets) };
}

async function collect(stream: TokenizedExample[], options: PackOptionsInput, bosId: number | null = BOS) {
  const rows: PackedRow[] = [];
  const report = emptyPackReport();
  const ids = { eosId: EOS, padId: PAD, ...(bosId === null ? {} : { bosId }) };
  for await (const r of packExamples(stream, ids, options, report)) rows.push(r);
  return { rows, report };
}

const ints = (r: PackedRow, k: string) => [...(r[k] as Int32Array)];

describe('decoder-only rows with BOS', () => {
  it('start every example with BOS, counted in the inputs (worked by hand)', async () => {
    // Each example is BOS, inputs, EOS, targets, EOS: 1+3+1+2+1 = 8 and 1+4+1+1+1 = 8 positions in 16.
    const ds = [example(0, [7, 8, 5], [3, 9]), example(1, [8, 4, 9, 3], [4])];
    for (const packer of ['greedy', 'best-fit'] as const) {
      const { rows } = await collect(ds, { layout: 'decoder-only', packer, length: 16, bos: true });
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(ints(row, 'decoder_target_tokens')).toEqual([2, 7, 8, 5, 1, 3, 9, 1, 2, 8, 4, 9, 3, 1, 4, 1]);
      expect(ints(row, 'decoder_input_tokens')).toEqual([0, 2, 7, 8, 5, 1, 3, 9, 0, 2, 8, 4, 9, 3, 1, 4]);
      expect(ints(row, 'decoder_loss_weights')).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1]);
      expect(ints(row, 'decoder_positions')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]);
      expect(ints(row, 'decoder_segment_ids')).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
      // Visible over BOS, the inputs and their EOS, and one position more.
      expect(ints(row, 'decoder_causal_attention')).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
    }
  });

  it('the BOS takes a position: the two examples no longer share a 15-position row', async () => {
    const ds = [example(0, [7, 8, 5], [3, 9]), example(1, [8, 4, 9, 3], [4])];
    const off = await collect(ds, { layout: 'decoder-only', packer: 'greedy', length: 15 });
    const on = await collect(ds, { layout: 'decoder-only', packer: 'greedy', length: 15, bos: true });
    expect(off.rows).toHaveLength(1);
    expect(on.rows).toHaveLength(2);
    expect(ints(on.rows[1]!, 'decoder_target_tokens').slice(0, 8)).toEqual([2, 8, 4, 9, 3, 1, 4, 1]);
  });

  it('cuts long inputs so BOS, inputs, EOS, targets and EOS fill the row exactly', async () => {
    const ds = [example(0, [11, 12, 13, 14, 15, 16, 17, 18, 19, 20], [3])];
    const { rows, report } = await collect(ds, { layout: 'decoder-only', length: 8, bos: true });
    // 8 = BOS + 4 inputs + EOS + 1 target + EOS.
    expect(ints(rows[0]!, 'decoder_target_tokens')).toEqual([2, 11, 12, 13, 14, 1, 3, 1]);
    expect(ints(rows[0]!, 'decoder_segment_ids')).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(report.truncatedInputs).toBe(1);
  });

  it('refuses a tokenizer without BOS, and layouts where BOS does not apply', async () => {
    const ds = [example(0, [7], [3])];
    await expect(collect(ds, { layout: 'decoder-only', bos: true }, null)).rejects.toThrow(
      /the tokenizer has no BOS token for pack option bos; name it/,
    );
    await expect(collect(ds, { bos: true })).rejects.toThrow(
      /pack option bos applies to the decoder-only layout only, not enc-dec/,
    );
    await expect(collect(ds, { layout: 'decoder-only', packer: 'none', bos: true })).rejects.toThrow(
      /applies to packed rows only, not to packer none/,
    );
  });
});

describe("the tokenizer's BOS", () => {
  const defaultJson = (): TokenizerJson =>
    JSON.parse(brotliDecompressSync(readFileSync(defaultTokenizerPath())).toString('utf8'));

  it('is <s> (id 1) in the default Mistral vocabulary', () => {
    expect(prepareTokenizerJson(defaultJson()).bosId).toBe(1);
  });

  it('is undefined without a BOS-like special token, and can be named', () => {
    const json: TokenizerJson = {
      added_tokens: [{ id: 1, content: '</s>', special: true }],
      model: { type: 'BPE', vocab: { '<unk>': 0, '</s>': 1, a: 2, '[START]': 3 }, merges: [] },
    };
    expect(prepareTokenizerJson(json).bosId).toBeUndefined();
    expect(prepareTokenizerJson(json, { bos: '[START]' }).bosId).toBe(3);
    expect(prepareTokenizerJson(json, { config: { bos_token: '[START]' } }).bosId).toBe(3);
    expect(() => prepareTokenizerJson(json, { bos: '<s>' })).toThrow(
      /bos token "<s>" is not in the vocabulary/,
    );
  });
});

describe('--bos in a build', () => {
  it('writes BOS at the start of every segment of the packed rows, and nothing changes without it', async () => {
    const [plain, withBos] = [tempDir(), tempDir()];
    const opts = {
      datasets: ['rte', 'cb'],
      output: 'packed-jsonl' as const,
      shards: 1,
      tokenizer: { kind: 'default' as const, workers: 1 },
    };
    const a = await buildMixture({ ...opts, out: plain, pack: { layout: 'decoder-only', length: 512 } });
    const b = await buildMixture({
      ...opts,
      out: withBos,
      pack: { layout: 'decoder-only', length: 512, bos: true },
    });
    const rows = (dir: string) =>
      readFileSync(join(dir, a.shards[0]!.file), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, number[]>);
    const segmentsOf = (dir: string) => {
      const out: number[][] = [];
      for (const row of rows(dir)) {
        row.decoder_segment_ids!.forEach((s, k) => {
          if (s === 0) return;
          if (row.decoder_positions![k] === 0) out.push([]);
          out.at(-1)!.push(row.decoder_target_tokens![k]!);
        });
      }
      return out;
    };
    const without = segmentsOf(plain);
    const withB = segmentsOf(withBos);
    expect(withB).toHaveLength(a.totals.examples);
    expect(b.totals.examples).toBe(a.totals.examples);
    // Same examples in the same order (packing may group them differently): BOS, then what was there.
    const key = (s: number[]) => s.join(',');
    expect(withB.map((s) => s[0])).toEqual(withB.map(() => 1));
    expect(new Set(withB.map((s) => key(s.slice(1))))).toEqual(new Set(without.map(key)));
    expect(without.some((s) => s[0] === 1)).toBe(false);
  });

  it('--bos with the enc-dec layout or --pack none is a usage error (exit 2)', () => {
    const out = tempDir();
    const enc = flanmix(['build', '--out', out, '--datasets', 'rte', '--output', 'tfrecord', '--bos']);
    expect(enc.code).toBe(2);
    expect(enc.stderr).toMatch(/--bos applies to the decoder-only layout only \(--layout decoder-only\)/);
    const none = flanmix([
      'build',
      ...['--out', out, '--datasets', 'rte', '--output', 'tfrecord', '--layout', 'decoder-only'],
      ...['--pack', 'none', '--bos'],
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--bos applies to packed rows; --packer none writes unpacked token lists/);
    const text = flanmix(['build', '--out', out, '--datasets', 'rte', '--bos']);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/--bos applies to packed outputs only/);
  });
});

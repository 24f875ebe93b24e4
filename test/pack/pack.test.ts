import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MixtureRecord } from '../../src/mixture/record.js';
import { appendEos, emptyPackReport, packExamples } from '../../src/pack/index.js';
import {
  decoderLength,
  featureSpecs,
  type PackedRow,
  type PackOptionsInput,
  PackOptionsSchema,
} from '../../src/pack/options.js';
import type { TokenizedExample } from '../../src/tokenize/types.js';

const EOS = 1;
const PAD = 0;

function example(i: number, inputs: number[], targets: number[]): TokenizedExample {
  const record: MixtureRecord = {
    inputs: `in ${i}`,
    targets: `out ${i}`,
    dataset: 'd',
    task: String(i),
    cluster: 'c',
    template: i % 10,
    inverted: false,
    format: 'instruction',
  };
  return { record, inputs: Int32Array.from(inputs), targets: Int32Array.from(targets) };
}

async function collect(
  stream: Iterable<TokenizedExample>,
  options: PackOptionsInput,
  pad = PAD,
): Promise<PackedRow[]> {
  const rows: PackedRow[] = [];
  for await (const r of packExamples(stream, { eosId: EOS, padId: pad }, options)) rows.push(r);
  return rows;
}

/** The same examples with their ids as views of one shared buffer, as the tokenizer's batches are. */
function asBatchViews(stream: TokenizedExample[]): TokenizedExample[] {
  let total = 0;
  for (const e of stream) total += e.inputs.length + e.targets.length;
  const flat = new Int32Array(total);
  let at = 0;
  const view = (ids: Int32Array) => {
    flat.set(ids, at);
    at += ids.length;
    return flat.subarray(at - ids.length, at);
  };
  return stream.map((e) => ({ record: e.record, inputs: view(e.inputs), targets: view(e.targets) }));
}

const ints = (r: PackedRow, k: string) => [...(r[k] as Int32Array)];

describe("seqio's documented examples", () => {
  // EncDecFeatureConverter docstring: inputs [7,8,5,1] / [8,4,9,3,1], targets [3,9,1] / [4,1], lengths 10 / 7.
  const ds = [example(0, [7, 8, 5], [3, 9]), example(1, [8, 4, 9, 3], [4])];

  it('enc-dec, packed', async () => {
    for (const packer of ['greedy', 'best-fit'] as const) {
      const [row, ...rest] = await collect(ds, { packer, inputLength: 10, targetLength: 7 });
      expect(rest).toEqual([]);
      expect(ints(row!, 'encoder_input_tokens')).toEqual([7, 8, 5, 1, 8, 4, 9, 3, 1, 0]);
      expect(ints(row!, 'encoder_segment_ids')).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 0]);
      expect(ints(row!, 'encoder_positions')).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 4, 0]);
      expect(ints(row!, 'decoder_target_tokens')).toEqual([3, 9, 1, 4, 1, 0, 0]);
      expect(ints(row!, 'decoder_input_tokens')).toEqual([0, 3, 9, 0, 4, 0, 0]);
      expect(ints(row!, 'decoder_loss_weights')).toEqual([1, 1, 1, 1, 1, 0, 0]);
      expect(ints(row!, 'decoder_segment_ids')).toEqual([1, 1, 1, 2, 2, 0, 0]);
      expect(ints(row!, 'decoder_positions')).toEqual([0, 1, 2, 0, 1, 0, 0]);
    }
  });

  it('decoder-only prefix LM, packed (PrefixLMFeatureConverter, loss on targets only)', async () => {
    const ds2 = [example(0, [7, 8, 5], [3, 9]), example(1, [8, 4, 9, 3], [4])];
    const [row, ...rest] = await collect(ds2, {
      layout: 'decoder-only',
      packer: 'greedy',
      inputLength: 7,
      targetLength: 8,
    });
    expect(rest).toEqual([]);
    expect(ints(row!, 'decoder_target_tokens')).toEqual([7, 8, 5, 1, 3, 9, 1, 8, 4, 9, 3, 1, 4, 1, 0]);
    expect(ints(row!, 'decoder_input_tokens')).toEqual([0, 7, 8, 5, 1, 3, 9, 0, 8, 4, 9, 3, 1, 4, 0]);
    expect(ints(row!, 'decoder_loss_weights')).toEqual([0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(ints(row!, 'decoder_positions')).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0]);
    expect(ints(row!, 'decoder_segment_ids')).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 0]);
    expect(ints(row!, 'decoder_causal_attention')).toEqual([1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it('packer none keeps seqio task features: inputs / targets with EOS, one per record', async () => {
    const rows = await collect(ds, { packer: 'none', keep: ['inputs_pretokenized', 'task'] });
    expect(rows).toEqual([
      {
        inputs: Int32Array.of(7, 8, 5, 1),
        targets: Int32Array.of(3, 9, 1),
        inputs_pretokenized: ['in 0'],
        task: ['0'],
      },
      {
        inputs: Int32Array.of(8, 4, 9, 3, 1),
        targets: Int32Array.of(4, 1),
        inputs_pretokenized: ['in 1'],
        task: ['1'],
      },
    ]);
  });
});

describe('cutting', () => {
  it('over-long sequences are cut so that they still end in EOS', () => {
    expect([...appendEos(Int32Array.of(5, 6, 7, 8), 3, EOS)]).toEqual([5, 6, 1]);
    expect([...appendEos(Int32Array.of(5), 3, EOS)]).toEqual([5, 1]);
    expect([...appendEos(Int32Array.of(), 3, EOS)]).toEqual([1]);
  });

  it('reports how many examples were cut', async () => {
    const report = emptyPackReport();
    for await (const _ of packExamples(
      [example(0, [5, 5, 5, 5, 5], [6]), example(1, [5], [6, 6, 6, 6])],
      { eosId: EOS, padId: PAD },
      { inputLength: 4, targetLength: 4 },
      report,
    )) {
    }
    expect(report).toEqual({ examples: 2, rows: 2, truncatedInputs: 1, truncatedTargets: 1 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const tokens = (max: number) => fc.array(fc.integer({ min: 2, max: 31999 }), { maxLength: max });
const streamArb = fc.array(fc.tuple(tokens(90), tokens(40)), { minLength: 1, maxLength: 120 });
const optionsArb = fc.record({
  layout: fc.constantFrom('enc-dec' as const, 'decoder-only' as const),
  packer: fc.constantFrom('best-fit' as const, 'greedy' as const),
  inputLength: fc.integer({ min: 2, max: 64 }),
  targetLength: fc.integer({ min: 2, max: 32 }),
  extra: fc.integer({ min: -8, max: 16 }),
  window: fc.integer({ min: 1, max: 40 }),
  pad: fc.constantFrom(0, 32000),
});

/** Checks every invariant of the rows against the stream; returns the examples seen (by task id). */
function checkRows(stream: TokenizedExample[], rows: PackedRow[], input: PackOptionsInput, pad = PAD) {
  const o = PackOptionsSchema.parse(input);
  const specs = featureSpecs(o);
  const seen = new Map<string, number>();
  for (const row of rows) {
    // Exactly the declared features, each exactly its length.
    expect(Object.keys(row).sort()).toEqual(specs.map((s) => s.name).sort());
    for (const s of specs)
      if (s.dtype === 'int32') expect((row[s.name] as Int32Array).length).toBe(s.shape[0]);
    const tasks = row.task as string[];
    const sides =
      o.layout === 'enc-dec'
        ? [
            ['encoder_input_tokens', 'encoder_segment_ids', 'encoder_positions'],
            ['decoder_target_tokens', 'decoder_segment_ids', 'decoder_positions'],
          ]
        : [['decoder_target_tokens', 'decoder_segment_ids', 'decoder_positions']];
    sides.forEach(([tok, segName, posName], side) => {
      const t = row[tok!] as Int32Array;
      const seg = row[segName!] as Int32Array;
      const pos = row[posName!] as Int32Array;
      let expected = 1;
      let i = 0;
      // Segments 1, 2, 3 … in order, contiguous, positions from 0, then padding only.
      while (i < seg.length && seg[i] !== 0) {
        expect(seg[i]).toBe(expected);
        const start = i;
        while (i < seg.length && seg[i] === expected) {
          expect(pos[i]).toBe(i - start);
          i++;
        }
        const ex = stream[Number(tasks[expected - 1])]!;
        const got = [...t.subarray(start, i)];
        let want: number[];
        if (o.layout === 'enc-dec') {
          want = [
            ...appendEos(
              side === 0 ? ex.inputs : ex.targets,
              side === 0 ? o.inputLength : o.targetLength,
              EOS,
            ),
          ];
        } else {
          const L = decoderLength(o);
          const tgt = appendEos(ex.targets, Math.min(o.targetLength, L - 1), EOS);
          const inp = appendEos(ex.inputs, Math.min(o.inputLength, L - tgt.length), EOS);
          want = [...inp, ...tgt];
          // Loss on targets only; causal mask over the inputs and one more position.
          const w = [...(row.decoder_loss_weights as Int32Array).subarray(start, i)];
          const c = [...(row.decoder_causal_attention as Int32Array).subarray(start, i)];
          expect(w).toEqual(want.map((_, k) => (k >= inp.length ? 1 : 0)));
          expect(c).toEqual(want.map((_, k) => (k <= inp.length ? 1 : 0)));
          expect(got[inp.length - 1]).toBe(EOS);
        }
        // Every example's tokens appear once, in order, in one segment, ending in EOS.
        expect(got).toEqual(want);
        expect(got.at(-1)).toBe(EOS);
        expected++;
      }
      for (; i < seg.length; i++) {
        expect(seg[i]).toBe(0);
        expect(pos[i]).toBe(0);
        expect(t[i]).toBe(pad);
      }
      expect(expected - 1).toBe(tasks.length);
    });
    // decoder_input_tokens: targets shifted right, PAD at each segment start and in padding.
    const target = row.decoder_target_tokens as Int32Array;
    const dseg = row.decoder_segment_ids as Int32Array;
    const dinp = row.decoder_input_tokens as Int32Array;
    for (let i = 0; i < target.length; i++) {
      const first = dseg[i] === 0 || i === 0 || dseg[i - 1] !== dseg[i];
      expect(dinp[i]).toBe(first ? pad : target[i - 1]);
    }
    if (o.layout === 'enc-dec') {
      const w = row.decoder_loss_weights as Int32Array;
      for (let i = 0; i < w.length; i++) expect(w[i]).toBe(dseg[i] === 0 ? 0 : 1);
      // Encoder and decoder hold the same examples.
      expect(Math.max(...(row.encoder_segment_ids as Int32Array))).toBe(tasks.length);
    }
    for (const id of tasks) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  // Every example exactly once.
  expect([...seen.keys()].sort()).toEqual(stream.map((_, i) => String(i)).sort());
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
}

function fill(rows: PackedRow[], feature: string, length: number): number {
  let n = 0;
  for (const r of rows) for (const s of r[feature] as Int32Array) if (s !== 0) n++;
  return rows.length === 0 ? 0 : n / (rows.length * length);
}

describe('packing invariants (property tests)', () => {
  it('no row over its lengths; every example once, in order, in one segment; ids, positions, weights and masks consistent; EOS at each end', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, optionsArb, async (pairs, { extra, pad, ...opts }) => {
        // Views of one buffer, as from the tokenizer; small windows make examples wait through refills.
        const stream = asBatchViews(pairs.map(([i, t], k) => example(k, i, t)));
        const options: PackOptionsInput = {
          ...opts,
          length:
            opts.layout === 'decoder-only'
              ? Math.max(2, opts.inputLength + opts.targetLength + extra)
              : undefined,
          keep: ['task'],
        };
        checkRows(stream, await collect(stream, options, pad), options, pad);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, optionsArb, async (pairs, { extra: _, pad: __, ...opts }) => {
        const stream = pairs.map(([i, t], k) => example(k, i, t));
        expect(await collect(stream, opts)).toEqual(await collect(stream, opts));
      }),
      { numRuns: 50 },
    );
  });

  it('rows that share their buffers (reuseRows) hold, when handed over, what fresh rows hold', async () => {
    const snapshot = (r: PackedRow) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Int32Array ? [...v] : v]));
    await fc.assert(
      fc.asyncProperty(streamArb, optionsArb, async (pairs, { extra: _, pad, ...opts }) => {
        const stream = pairs.map(([i, t], k) => example(k, i, t));
        const ids = { eosId: EOS, padId: pad };
        const fresh: unknown[] = [];
        for await (const r of packExamples(stream, ids, opts)) fresh.push(snapshot(r));
        const reused: unknown[] = [];
        let previous: PackedRow | undefined;
        for await (const r of packExamples(stream, ids, opts, undefined, { reuseRows: true })) {
          // The same buffer each time: reuse really happens.
          if (previous) expect(r.decoder_target_tokens).toBe(previous.decoder_target_tokens);
          previous = r;
          reused.push(snapshot(r));
        }
        expect(reused).toEqual(fresh);
      }),
      { numRuns: 100 },
    );
  });

  it('best-fit fills at least as much as greedy on the same stream', async () => {
    // Realistic proportions: inputs up to 4× targets in capacity, many short examples, some long ones.
    const realistic = fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 0, max: 3 })) },
        {
          weight: 3,
          arbitrary: fc.tuple(fc.integer({ min: 20, max: 200 }), fc.integer({ min: 5, max: 40 })),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.integer({ min: 100, max: 400 }), fc.integer({ min: 20, max: 120 })),
        },
      ),
      { minLength: 50, maxLength: 400 },
    );
    await fc.assert(
      fc.asyncProperty(
        realistic,
        fc.constantFrom('enc-dec' as const, 'decoder-only' as const),
        async (sizes, layout) => {
          const stream = sizes.map(([a, b], k) => example(k, new Array(a).fill(7), new Array(b).fill(8)));
          const base = { layout, inputLength: 256, targetLength: 64, window: 64 };
          const best = await collect(stream, { ...base, packer: 'best-fit' });
          const greedy = await collect(stream, { ...base, packer: 'greedy' });
          const [feature, L] =
            layout === 'enc-dec' ? ['encoder_segment_ids', 256] : ['decoder_segment_ids', 320];
          expect(best.length).toBeLessThanOrEqual(greedy.length);
          expect(fill(best, feature as string, L as number)).toBeGreaterThanOrEqual(
            fill(greedy, feature as string, L as number),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

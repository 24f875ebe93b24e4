// Every `flanmix build` flag, through the CLI's own entry point (argv → options → build): each must reach the
// manifest's options and change the output the way docs/cli.md says. Expected values are worked out by
// hand from the documented rules, or compared with a build without the flag.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl, runCliCaptured, tempDir, trainRecords } from './helpers.js';

interface Manifest {
  options: Record<string, unknown> & {
    fewShot: unknown;
    pack: Record<string, unknown>;
    tokenizer?: Record<string, unknown>;
  };
  members: { key: string; pool: number; rate: number; count: number; counts: Record<string, number> }[];
  totals: { examples: number };
}

const cli = (args: string[]) => runCliCaptured(args);

async function build(args: string[]) {
  const out = tempDir();
  const r = await cli(['build', '--out', out, '--seed', '3', '--shards', '1', ...args]);
  expect(r.code, r.stderr).toBe(0);
  const manifest: Manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  return { out, manifest, records: trainRecords(out) as Record<string, unknown>[] };
}

type Rec = { inputs: string; targets: string; dataset: string; template: number; inverted: boolean };
const TEXT = ['--datasets', 'rte,cb,copa'];

describe('text build flags reach the manifest and change the records as documented', () => {
  it('--temperature T: rate = min(pool, 3000) ** (1 / T)', async () => {
    const base = await build(TEXT);
    const hot = await build([...TEXT, '--temperature', '2']);
    expect(base.manifest.options.temperature).toBe(1);
    expect(hot.manifest.options.temperature).toBe(2);
    for (const m of base.manifest.members) expect(m.rate).toBe(m.pool);
    for (const m of hot.manifest.members) expect(m.rate).toBe(Math.sqrt(m.pool));
  });

  it('--cap N: each task keeps N training examples', async () => {
    const { manifest, records } = await build([...TEXT, '--cap', '3']);
    expect(manifest.options.cap).toBe(3);
    expect(manifest.members.map((m) => [m.key, m.pool])).toEqual([
      ['cb', 3],
      ['rte', 3],
      ['copa', 3],
    ]);
    // Equal pools: equal rates, and the default total (9) splits 3/3/3.
    expect(records).toHaveLength(9);
    for (const d of ['rte', 'cb', 'copa']) expect(records.filter((r) => r.dataset === d)).toHaveLength(3);
  });

  it('--validation-size N: each task holds out a validation tail of N', async () => {
    const { manifest } = await build([...TEXT, '--validation-size', '1']);
    expect(manifest.options.validationSize).toBe(1);
    for (const m of manifest.members) {
      expect(m.counts.validation).toBe(1);
      expect(m.pool).toBe(m.counts.examples! - 1);
    }
  });

  it('--few-shot K --few-shot-max-tokens N --separators flan: K exemplars in FLAN’s separators', async () => {
    const { manifest, records } = await build([
      ...TEXT,
      '--few-shot',
      '2',
      '--few-shot-max-tokens',
      '100000',
      '--separators',
      'flan',
    ]);
    expect(manifest.options.fewShot).toEqual({ k: 2, maxInputTokens: 100000, separators: 'flan' });
    // "0 x X 1 y X 0 x X 1 y X 0 query X 1 FLAN": two exemplars and the query each bring one " X 1 ".
    for (const r of records as Rec[]) {
      expect(r.inputs).toMatch(/^0 [\s\S]* X 1 FLAN$/);
      expect(r.inputs.match(/ X 1 /g)).toHaveLength(3);
    }
  });

  it('--few-shot-max-tokens: a budget no exemplar fits leaves the zero-shot records', async () => {
    const base = await build(TEXT);
    const tight = await build([...TEXT, '--few-shot', '4', '--few-shot-max-tokens', '1']);
    expect(tight.manifest.options.fewShot).toEqual({ k: 4, maxInputTokens: 1, separators: 'plain' });
    expect(tight.records).toEqual(base.records);
  });

  it('--lamda: every input becomes "0 {x} X 1 FLAN"', async () => {
    const base = await build(TEXT);
    const lamda = await build([...TEXT, '--lamda']);
    expect(base.manifest.options.lamda).toBe(false);
    expect(lamda.manifest.options.lamda).toBe(true);
    expect(lamda.records.map((r) => r.inputs)).toEqual(base.records.map((r) => `0 ${r.inputs} X 1 FLAN`));
  });

  it('--templates non-inverted | N: only those templates are used', async () => {
    const base = await build(TEXT);
    expect((base.records as Rec[]).some((r) => r.inverted)).toBe(true);
    const nonInv = await build([...TEXT, '--templates', 'non-inverted']);
    expect(nonInv.manifest.options.templates).toBe('non-inverted');
    expect((nonInv.records as Rec[]).some((r) => r.inverted)).toBe(false);
    const two = await build([...TEXT, '--templates', '2']);
    expect(two.manifest.options.templates).toBe(2);
    expect(new Set((two.records as Rec[]).map((r) => r.template))).toEqual(new Set([0, 1]));
  });

  it('--options-style letters: options listed as (A), (B)…; the target stays the option text', async () => {
    const { manifest, records } = await build([...TEXT, '--options-style', 'letters', '--templates', '1']);
    expect(manifest.options.optionsStyle).toBe('letters');
    for (const r of records as Rec[]) {
      expect(r.inputs).toMatch(/OPTIONS:\n\(A\) .+\n\(B\) /);
      expect(r.inputs).not.toMatch(/\n- /);
      expect(r.targets).not.toMatch(/^\([A-Z]\)/);
    }
  });
});

describe('evaluation flags', () => {
  const HELD = ['--datasets', 'rte,sst2', '--held-out', 'sentiment'];
  const testRows = (out: string) =>
    readJsonl<{ example: number; inverted: boolean }>(join(out, 'eval', 'sst2', 'sst2.test.jsonl'));
  const examples = (rows: { example: number }[]) => new Set(rows.map((r) => r.example)).size;

  it('--no-eval, --eval-limit N, --eval-all-templates', async () => {
    const base = await build(HELD);
    expect(base.manifest.options.eval).toBe(true);
    const baseRows = testRows(base.out);
    const n = examples(baseRows);
    expect(n).toBeGreaterThan(2);
    expect(baseRows.some((r) => r.inverted)).toBe(false);
    const nonInverted = baseRows.length / n;

    const none = await build([...HELD, '--no-eval']);
    expect(none.manifest.options.eval).toBe(false);
    expect(readdirSync(none.out)).not.toContain('eval');

    const limited = await build([...HELD, '--eval-limit', '2']);
    expect(limited.manifest.options.evalLimit).toBe(2);
    expect(testRows(limited.out)).toHaveLength(2 * nonInverted);

    const all = await build([...HELD, '--eval-all-templates']);
    expect(all.manifest.options.evalAllTemplates).toBe(true);
    expect(testRows(all.out)).toHaveLength(n * 10); // every one of the ten templates
    expect(testRows(all.out).filter((r) => r.inverted)).toHaveLength(n * (10 - nonInverted));
  });
});

describe('packing flags', () => {
  const PACKED = ['--datasets', 'rte,cb', '--output', 'packed-jsonl', '--workers', '1', '--native', 'off'];
  const rows = (out: string) =>
    readJsonl<Record<string, unknown[]>>(join(out, 'train.packed-00000-of-00001.jsonl'));

  it('--layout decoder-only and --length N', async () => {
    const base = await build(PACKED);
    expect(Object.keys(rows(base.out)[0]!)).toEqual([
      'encoder_input_tokens',
      'encoder_segment_ids',
      'encoder_positions',
      'decoder_target_tokens',
      'decoder_input_tokens',
      'decoder_loss_weights',
      'decoder_segment_ids',
      'decoder_positions',
    ]);
    const lm = await build([...PACKED, '--layout', 'decoder-only', '--length', '300']);
    expect(lm.manifest.options.pack).toMatchObject({ layout: 'decoder-only', length: 300 });
    const lmRows = rows(lm.out);
    expect(Object.keys(lmRows[0]!)).toEqual([
      'decoder_target_tokens',
      'decoder_input_tokens',
      'decoder_loss_weights',
      'decoder_segment_ids',
      'decoder_positions',
      'decoder_causal_attention',
    ]);
    for (const r of lmRows) expect(r.decoder_target_tokens).toHaveLength(300);
  });

  it('--packer none and --pack none: one example per row as inputs / targets', async () => {
    const base = await build(PACKED);
    const none = await build([...PACKED, '--packer', 'none']);
    const pack = await build([...PACKED, '--pack', 'none']);
    expect(none.manifest.options.pack).toMatchObject({ packer: 'none' });
    expect(pack.manifest.options.pack).toMatchObject({ packer: 'none' });
    expect(Object.keys(rows(none.out)[0]!)).toEqual(['inputs', 'targets']);
    expect(rows(none.out)).toHaveLength(base.manifest.totals.examples);
    expect(readFileSync(join(pack.out, 'train.packed-00000-of-00001.jsonl'))).toEqual(
      readFileSync(join(none.out, 'train.packed-00000-of-00001.jsonl')),
    );
  });

  it('--packer greedy and --pack-window N change how examples share rows', async () => {
    const short = [...PACKED, '--input-length', '128', '--target-length', '16'];
    const best = await build(short);
    const greedy = await build([...short, '--packer', 'greedy']);
    const narrow = await build([...short, '--pack-window', '1']);
    expect(best.manifest.options.pack).toMatchObject({ packer: 'best-fit', window: 8192 });
    expect(greedy.manifest.options.pack).toMatchObject({ packer: 'greedy' });
    expect(narrow.manifest.options.pack).toMatchObject({ packer: 'best-fit', window: 1 });
    // Every example is in exactly one segment whatever the packer; best fit over a wide window needs
    // fewer rows than next-fit (greedy) or than best fit that can only choose among one pending example.
    const segments = (out: string) =>
      rows(out).reduce((n, r) => n + Math.max(...(r.encoder_segment_ids as number[])), 0);
    for (const b of [best, greedy, narrow]) expect(segments(b.out)).toBe(best.manifest.totals.examples);
    const count = (out: string) => rows(out).length;
    expect(count(greedy.out)).toBeGreaterThan(count(best.out));
    expect(count(narrow.out)).toBeGreaterThan(count(best.out));
  });

  it('--keep-text F: the record texts ride along with the tokens', async () => {
    const text = await build(['--datasets', 'rte,cb']);
    const kept = await build([...PACKED, '--keep-text', 'inputs_pretokenized,task']);
    expect(kept.manifest.options.pack).toMatchObject({ keep: ['inputs_pretokenized', 'task'] });
    const r = rows(kept.out);
    expect(Object.keys(r[0]!).slice(-2)).toEqual(['inputs_pretokenized', 'task']);
    expect(r.flatMap((x) => x.inputs_pretokenized).sort()).toEqual(text.records.map((x) => x.inputs).sort());
  });

  it('--special-tokens error: a special-token string in the text stops the build', async () => {
    const data = tempDir();
    mkdirSync(join(data, 'rte'));
    const rows = readFileSync(join(import.meta.dirname, '..', 'samples', 'rte', 'rte.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    rows[0].premise = `${rows[0].premise} </s>`;
    writeFileSync(join(data, 'rte', 'train.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    const local = ['--source', 'local', '--data-dir', data, '--datasets', 'rte', '--output', 'packed-jsonl'];
    const asText = await build([...local, '--workers', '1']);
    expect(asText.manifest.options.tokenizer).toMatchObject({ specialTokens: 'text' });
    const out = tempDir();
    const stop = await cli(['build', '--out', out, ...local, '--workers', '1', '--special-tokens', 'error']);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toMatch(/special token "<\/s>"/);
  });
});

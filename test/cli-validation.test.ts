// Bad calls are refused on one line naming the flag (or config key) and the value, before any data loads.
// In-process (runCli), so these stay fast.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOptionsFromFlags } from '../src/cli/build-flags.js';
import { buildMixture, prepareMixture } from '../src/pipeline/build-mixture.js';
import { FlanmixError } from '../src/registry/errors.js';
import { closest, editDistance, suggest } from '../src/registry/suggest.js';
import { loadTokenizer } from '../src/tokenize/load-node.js';
import { runCliCaptured, tempDir } from './helpers.js';

const cli = (args: string[]) => runCliCaptured(args);

/** Expects exit 2 and exactly one line matching `pattern`. */
async function refused(args: string[], pattern: RegExp) {
  const r = await cli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

function config(text: string): string {
  const file = join(tempDir(), 'mix.json');
  writeFileSync(file, text);
  return file;
}

describe('suggest', () => {
  it('finds the closest name, ignoring case and dashes, or nothing', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('fewshot', ['fewShot', 'format', 'seed'])).toBe('fewShot');
    expect(closest('held-out', ['heldOut', 'datasets'])).toBe('heldOut');
    expect(closest('lenght', ['length', 'layout', 'window'])).toBe('length');
    expect(closest('temprature', ['temperature', 'total'])).toBe('temperature');
    expect(closest('zzz', ['seed', 'cap'])).toBeUndefined();
    expect(suggest('sed', ['seed'])).toBe(' (did you mean "seed"?)');
    expect(suggest('qqqqqq', ['seed'])).toBe('');
  });
});

describe('config files', () => {
  it('refuses unknown keys with the closest real one, nested keys too', async () => {
    await refused(
      ['build', '--out', tempDir(), '--config', config('{"fewshot": {"k": 2}}')],
      /unknown option "fewshot" \(did you mean "fewShot"\?\)/,
    );
    await refused(
      ['build', '--out', tempDir(), '--config', config('{"pack": {"lenght": 900}}')],
      /unknown option "pack.lenght" \(did you mean "pack.length"\?\)/,
    );
    await refused(
      ['build', '--out', tempDir(), '--config', config('{"tokenizer": {"kind": "default", "worker": 2}}')],
      /"tokenizer.worker" \(did you mean "tokenizer.workers"\?\)/,
    );
  });

  it('{"fewShot": 5} is refused with the real key, instead of building zero-shot', async () => {
    await refused(
      ['build', '--out', tempDir(), '--config', config('{"fewShot": 5}')],
      /"fewShot" must be an object .* got 5 \(did you mean \{"fewShot": \{"k": 5\}\}\?\)/,
    );
  });

  it('accepts a UTF-8 BOM', () => {
    const file = config('\ufeff{"seed": 7, "datasets": ["rte"]}');
    const o = buildOptionsFromFlags({ config: file, out: 'x' }, true);
    expect(o.seed).toBe(7);
    expect(o.datasets).toEqual(['rte']);
  });

  it('names the config key, not a flag, when the bad value came from the file', async () => {
    await refused(
      ['build', '--out', tempDir(), '--config', config('{"total": 0}')],
      /"total" in .*mix\.json must be at least 1, got 0$/m,
    );
  });
});

describe('flag values', () => {
  it('--total 0 and --templates 99 are refused, not clamped', async () => {
    await refused(
      ['build', '--out', tempDir(), '--total', '0'],
      /^flanmix build: --total must be at least 1, got 0$/m,
    );
    await refused(['rates', '--total', '0'], /--total must be at least 1, got 0/);
    await refused(
      ['build', '--out', tempDir(), '--templates', '99'],
      /--templates must be at most 10 \(the most templates a dataset has\), got 99/,
    );
    await refused(['build', '--out', tempDir(), '--templates', '0'], /--templates must be at least 1, got 0/);
    await refused(
      ['build', '--out', tempDir(), '--templates', 'some'],
      /--templates must be all, non-inverted or a number .*"some"/,
    );
  });

  it('--workers is bounded by the cores unless forced, and by a hard limit', async () => {
    const cores = availableParallelism();
    await refused(
      ['build', '--out', tempDir(), '--workers', String(cores + 1)],
      new RegExp(`--workers ${cores + 1} is more than this machine's ${cores} cores \\(add --force-workers`),
    );
    await refused(
      ['build', '--out', tempDir(), '--workers', '99999', '--force-workers'],
      /--workers must be at most 256, got 99999/,
    );
    await refused(['build', '--out', tempDir(), '--force-workers'], /--force-workers needs --workers N/);
    const forced = buildOptionsFromFlags(
      { out: 'x', workers: String(cores + 1), 'force-workers': true },
      true,
    );
    expect(forced.tokenizer).toMatchObject({ workers: cores + 1, forceWorkers: true });
  });

  it('the library refuses more tokenizer threads than cores unless forced', async () => {
    const err = await loadTokenizer({ kind: 'default', workers: availableParallelism() + 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toMatch(/tokenizer.workers: \d+ is more than this machine's \d+ cores/);
  });

  it('--temperature 0.001 gives real rates and shares', async () => {
    const r = await cli(['rates', '--datasets', 'rte,cb,copa', '--temperature', '0.001', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      members: { rate: number | null; share: number | null; count: number }[];
    };
    for (const m of plan.members) {
      expect(Number.isFinite(m.rate)).toBe(true);
      expect(Number.isFinite(m.share)).toBe(true);
    }
    expect(Math.max(...plan.members.map((m) => m.rate!))).toBe(1);
  });
});

describe('conflicting or stray arguments', () => {
  it('refuses stray positionals, pointing at --datasets', async () => {
    await refused(['build', '--out', tempDir(), 'rte'], /unexpected argument "rte" .*--datasets rte/);
    await refused(['rates', 'rte'], /unexpected argument "rte"/);
    await refused(['list', 'nli'], /unexpected argument "nli"/);
  });

  it('refuses flags that contradict each other or would be ignored', async () => {
    const out = tempDir();
    await refused(
      ['build', '--out', out, '--output', 'tfrecord', '--pack', 'none', '--packer', 'greedy'],
      /--pack none contradicts --packer greedy/,
    );
    await refused(
      ['build', '--out', out, '--gzip', '--output', 'tfrecord'],
      /--gzip does not apply to --output tfrecord/,
    );
    await refused(
      ['build', '--out', out, '--output', 'tfrecord', '--length', '2048'],
      /--length is the decoder-only row length; the enc-dec layout takes --input-length and --target-length/,
    );
    await refused(
      ['build', '--out', out, '--layout', 'decoder-only'],
      /--layout applies to packed outputs only/,
    );
    await refused(
      ['build', '--out', out, '--output', 'tfrecord', '--packer', 'greedy', '--pack-window', '64'],
      /--pack-window applies to the best-fit packer only, not greedy/,
    );
    await refused(['build', '--out', out, '--eval-limit', '5'], /--eval-limit needs --held-out/);
    await refused(
      ['build', '--out', out, '--held-out', 'nli', '--no-eval', '--eval-limit', '5'],
      /--eval-limit contradicts --no-eval/,
    );
    await refused(
      ['build', '--out', out, '--offline'],
      /--offline applies to --source hub only, not samples/,
    );
    // --data-dir with samples is not refused: it adds a user's own datasets (docs/templates.md).
    // The same check names config keys when the file set them.
    await refused(
      ['build', '--out', out, '--config', config('{"output": "tfrecord", "pack": {"length": 2048}}')],
      /"pack.length" in .*mix\.json is the decoder-only row length/,
    );
    // Compatible combinations still pass.
    expect(() =>
      buildOptionsFromFlags({ out: 'x', output: 'tfrecord', layout: 'decoder-only', length: '2048' }, true),
    ).not.toThrow();
    expect(() => buildOptionsFromFlags({ out: 'x', output: 'packed-jsonl', gzip: true }, true)).not.toThrow();
  });

  it('buildMixture refuses the same contradictions, and a template count a member does not have', async () => {
    const out = tempDir();
    await expect(buildMixture({ out, datasets: ['rte'], output: 'tfrecord', gzip: true })).rejects.toThrow(
      /options: gzip does not apply to output tfrecord/,
    );
    await expect(
      buildMixture({ out, datasets: ['rte'], output: 'tfrecord', pack: { length: 2048 } }),
    ).rejects.toThrow(/options: pack.length is the decoder-only row length/);
    const err = await prepareMixture({ out, datasets: ['rte'], templates: 11 }).catch((e) => e);
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toMatch(/templates: 11 asked for, but rte has 10 templates/);
  });
});

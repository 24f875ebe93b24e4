// `flanmix build --from-manifest`: a build repeated from its manifest alone, byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOptionsFromFlags } from '../src/cli/build-flags.js';
import { readRebuildManifest } from '../src/pipeline/from-manifest.js';
import { type BuildOptionsInput, buildMixture } from '../src/pipeline/index.js';
import { manifestOptions, parseBuildOptions } from '../src/pipeline/options.js';
import { rebuildFlags } from '../src/pipeline/rebuild-flags.js';
import { flanmix, tempDir } from './helpers.js';
import { commitId, rteParquet, rteRows } from './sources/fixtures.js';
import { FakeHub } from './sources/hub-server.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** sha256 of every file the manifest lists, and of the manifest itself. */
function listed(dir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: string[] };
  const out: Record<string, string> = { 'manifest.json': sha(join(dir, 'manifest.json')) };
  for (const f of manifest.files) out[f] = sha(join(dir, f));
  return out;
}

describe('build --from-manifest', () => {
  it('repeats a text build with held-out evaluation files: every listed file and the card identical', () => {
    const [a, b] = [tempDir(), tempDir()];
    const first = flanmix([
      'build',
      ...['--out', a, '--datasets', 'rte,cb,copa,sst2,xsum', '--held-out', 'nli', '--seed', '3'],
      ...[
        '--templates',
        'non-inverted',
        '--fields',
        'prompt,completion',
        '--shards',
        '3',
        '--eval-limit',
        '5',
      ],
    ]);
    expect(first.code, first.stderr).toBe(0);
    const again = flanmix(['build', '--from-manifest', join(a, 'manifest.json'), '--out', b, '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    const files = listed(a);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.md', 'eval/rte/rte.test.jsonl']));
    expect(listed(b)).toEqual(files);
  });

  it('repeats a packed decoder-only build with BOS', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await buildMixture({
      out: a,
      datasets: ['rte', 'copa'],
      seed: 5,
      output: 'packed-jsonl',
      shards: 2,
      pack: { layout: 'decoder-only', length: 300, packer: 'greedy', bos: true },
      tokenizer: { kind: 'default', workers: 1 },
    });
    const again = flanmix([
      'build',
      '--from-manifest',
      join(a, 'manifest.json'),
      '--out',
      b,
      '--workers',
      '1',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(listed(b)).toEqual(listed(a));
  });

  it('refuses an option that changes the output beside it (exit 2), and a manifest of other templates (exit 1)', async () => {
    const a = tempDir();
    await buildMixture({ out: a, datasets: ['rte'] });
    const manifest = join(a, 'manifest.json');
    const seed = flanmix(['build', '--from-manifest', manifest, '--out', tempDir(), '--seed', '2']);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(
      /--seed cannot be given with --from-manifest: the manifest fixes every option that changes the output \(beside it: --out, --force, --data-dir/,
    );
    const bos = flanmix(['build', '--from-manifest', manifest, '--out', tempDir(), '--bos']);
    expect(bos.code).toBe(2);
    expect(bos.stderr).toMatch(/--bos cannot be given with --from-manifest/);

    const edited = JSON.parse(readFileSync(manifest, 'utf8'));
    edited.hashes.templates = 'f'.repeat(64);
    const other = join(tempDir(), 'manifest.json');
    writeFileSync(other, JSON.stringify(edited));
    const r = flanmix(['build', '--from-manifest', other, '--out', tempDir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /the build used other templates \(sha256 ffffffffffff, here [0-9a-f]{12}\): give the same --templates-dir/,
    );

    const missing = flanmix(['build', '--from-manifest', join(a, 'nope.json'), '--out', tempDir()]);
    expect(missing.code).toBe(2); // a file the call names that is not there: a mistake in the call
    expect(missing.stderr).toMatch(/--from-manifest .*nope\.json: cannot read it \(ENOENT\)/);
  });
});

describe('a Hub build repeated after the repo moved on', () => {
  const FIRST = commitId('super_glue first');
  const LATER = commitId('super_glue later');
  const hub = new FakeHub();
  const files = (rows: typeof rteRows) => ({ 'rte/train-00000-of-00001.parquet': rteParquet(rows) });
  const repo = {
    refs: { main: FIRST },
    commits: { [FIRST]: files(rteRows), [LATER]: files(rteRows.slice(0, 6)) },
  };
  let url = '';
  beforeAll(async () => {
    hub.addRepo('aps/super_glue', repo);
    url = await hub.start();
  });
  afterAll(() => hub.stop());

  it('reads the commits the manifest records, not where main points now', async () => {
    const common = { datasets: ['rte'], source: 'hub' as const, shards: 1 };
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await buildMixture({ ...common, out: a, hubEndpoint: url, cacheDir: tempDir() });
    repo.refs.main = LATER;
    const rebuild = readRebuildManifest(join(a, 'manifest.json'));
    expect(rebuild.options.hubCommits).toEqual({ 'aps/super_glue@main': FIRST });
    await buildMixture({ ...rebuild.options, out: b, hubEndpoint: url, cacheDir: tempDir() });
    expect(listed(b)).toEqual(listed(a));
    // Without the pin, the same options read the repo's new state.
    const moved = await buildMixture({ ...common, out: c, hubEndpoint: url, cacheDir: tempDir() });
    expect(moved.members[0]!.origin.commit).toBe(LATER);
    expect(moved.totals.examples).toBeLessThan(rteRows.length);
  });
});

describe("the card's rebuild flags", () => {
  /** The flags as parseArgs would hand them to the build command. */
  function parse(flags: string[]): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const f of flags) {
      const [name, ...rest] = f.slice(2).split(' ');
      values[name!] = rest.length ? rest.join(' ') : true;
    }
    return values;
  }

  const cases: BuildOptionsInput[] = [
    {},
    { heldOut: ['nli', 'commonsense'], datasets: ['rte', 'copa', 'cb'], seed: 7, cap: 50, shards: 3 },
    {
      templates: 'non-inverted',
      format: 'no-template',
      optionsStyle: 'letters',
      fields: ['prompt', 'completion'],
    },
    { fewShot: { k: 2, maxInputTokens: 500, separators: 'flan' }, rateMax: 10, temperature: 2, total: 99 },
    { heldOut: ['nli'], eval: false, skipUnavailable: true, lamda: true, validationSize: 3, gzip: true },
    { heldOut: ['nli'], evalAllTemplates: true, evalLimit: 4, output: 'parquet' },
    {
      output: 'packed-jsonl',
      pack: { layout: 'decoder-only', packer: 'greedy', length: 512, keep: ['task'], bos: true },
      tokenizer: { kind: 'hub', repo: 'acme/tok', revision: 'v1', specialTokens: 'error' },
    },
    { output: 'tfrecord', pack: { inputLength: 512, targetLength: 128, window: 100 } },
  ];

  it('give back the same options through the CLI, for every option a flag sets', () => {
    for (const input of cases) {
      const options = parseBuildOptions({ ...input, out: 'x' });
      const { flags, unflagged } = rebuildFlags(options);
      expect(unflagged).toEqual([]);
      const again = buildOptionsFromFlags({ ...parse(flags), out: 'x' }, true);
      expect(manifestOptions(again), flags.join(' ')).toEqual(manifestOptions(options));
    }
  });

  it('put placeholders where the value is a path of the builder, and name what no flag sets', () => {
    const options = parseBuildOptions({
      out: 'x',
      source: 'local',
      dataDir: '/home/me/data',
      output: 'tfrecord',
      tokenizer: { kind: 'file', path: '/home/me/tok.json', eos: '</s>' },
    });
    const { flags, unflagged } = rebuildFlags(options);
    expect(flags).toEqual([
      '--source local',
      '--data-dir <your data folder>',
      '--output tfrecord',
      '--tokenizer <your tokenizer.json>',
    ]);
    expect(unflagged).toEqual(['tokenizer.eos']);
  });
});

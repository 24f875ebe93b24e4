// The dataset card (README.md) a build writes, so that the output folder is a Hugging Face dataset.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type BuildOptionsInput, buildMixture } from '../../src/pipeline/index.js';
import { loadRegistry } from '../../src/registry/load.js';
import { flanmix, snapshot, tempDir } from '../helpers.js';

const small = { datasets: ['rte', 'cb', 'anli', 'copa', 'sst2'], heldOut: ['nli'], shards: 2 };

interface Front {
  license: string;
  configs?: { config_name: string; data_files: { split: string; path: string }[] }[];
}

function card(dir: string): { front: Front; body: string } {
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  expect(m, 'front matter').not.toBeNull();
  return { front: parseYaml(m![1]!) as Front, body: m![2]! };
}

/** `datasets`' data_files globs: `*` matches within one path segment. */
function matches(glob: string, file: string): boolean {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${re}$`).test(file);
}

/** For each config, the folder's files its data_files match, by split. */
function resolved(dir: string, front: Front): Map<string, Record<string, string[]>> {
  const files = [...snapshot(dir).keys()].map((f) => f.split('\\').join('/'));
  const out = new Map<string, Record<string, string[]>>();
  for (const c of front.configs ?? []) {
    const splits: Record<string, string[]> = {};
    for (const d of c.data_files) splits[d.split] = files.filter((f) => matches(d.path, f)).sort();
    out.set(c.config_name, splits);
  }
  return out;
}

async function build(options: BuildOptionsInput) {
  const out = tempDir();
  const result = await buildMixture({ ...options, out });
  return { out, result };
}

describe('the dataset card', () => {
  it('configs: the train shards as the default train split, each held-out task its own config', async () => {
    const { out, result } = await build(small);
    const { front } = card(out);
    const configs = resolved(out, front);
    expect(configs.get('default')).toEqual({ train: result.shards.map((s) => s.file).sort() });
    // One config per held-out task, holding exactly that task's evaluation files.
    const byTask = new Map<string, Record<string, string[]>>();
    for (const f of result.eval) {
      const name = f.dataset === f.task ? f.dataset : `${f.dataset}-${f.task}`;
      byTask.set(name, { ...byTask.get(name), [f.split]: [f.file] });
    }
    expect([...configs.keys()].sort()).toEqual(['default', ...byTask.keys()].sort());
    for (const [name, splits] of byTask) expect(configs.get(name), name).toEqual(splits);
    expect(byTask.get('anli-r1')).toEqual({
      validation: ['eval/anli/r1.validation.jsonl'],
      test: ['eval/anli/r1.test.jsonl'],
    });
    // Written through the staging folder: the manifest lists it among the build's files.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files).toContain('README.md');
  });

  it('lists every task and dataset with its licence, and says licences must be checked', async () => {
    const { out, result } = await build(small);
    const { front, body } = card(out);
    const registry = loadRegistry();
    const license = (id: string) => registry.datasets.find((d) => d.id === id)!.license;
    for (const m of result.members) expect(body, m.key).toContain(`| ${m.key} | `);
    for (const m of result.members)
      expect(body).toMatch(new RegExp(`\\| ${m.key} \\|.*\\| ${m.count} \\| ${license(m.dataset)} \\|`));
    for (const id of ['rte', 'cb', 'anli', 'copa', 'sst2'])
      expect(body).toMatch(new RegExp(`\\| ${id} \\(.*\\) \\| ${license(id)} \\|`));
    expect(body).toContain('| anli (ANLI) | cc-by-nc-4.0 |');
    expect(body).toMatch(/check them at the source/);
    // Mixed licences: the front matter cannot name one.
    expect(front.license).toBe('other');
    expect(body).toContain('- Held-out clusters: `nli`');
    expect(body).toContain('flanmix build --from-manifest manifest.json --out <new folder>');
    expect(body).toContain(
      'flanmix build --out <new folder> --held-out nli --datasets anli,cb,copa,rte,sst2 --shards 2',
    );
  });

  it('is the same bytes for the same build, and holds no path of the machine', async () => {
    const a = await build({ ...small, seed: 4 });
    const b = await build({ ...small, seed: 4 });
    const bytes = readFileSync(join(a.out, 'README.md'));
    expect(bytes.equals(readFileSync(join(b.out, 'README.md')))).toBe(true);
    expect(bytes.toString()).not.toContain(a.out);
    expect(bytes.toString()).not.toContain(tempDir().split('/').slice(0, -1).join('/'));
  });

  it('parquet and gzip packed JSONL shards get their real globs; TFRecord only evaluation configs', async () => {
    const parquet = await build({ ...small, output: 'parquet' });
    expect(resolved(parquet.out, card(parquet.out).front).get('default')).toEqual({
      train: parquet.result.shards.map((s) => s.file).sort(),
    });
    expect(parquet.result.shards[0]!.file).toMatch(/\.parquet$/);

    const packed = await build({
      datasets: ['rte', 'copa'],
      output: 'packed-jsonl',
      gzip: true,
      shards: 3,
      tokenizer: { kind: 'default', workers: 1 },
    });
    const pc = card(packed.out);
    expect(pc.front.configs).toEqual([
      { config_name: 'default', data_files: [{ split: 'train', path: 'train.packed-*-of-00003.jsonl.gz' }] },
    ]);
    expect(resolved(packed.out, pc.front).get('default')!.train).toHaveLength(3);
    expect(pc.body).toMatch(/Packing: enc-dec layout, best-fit packer, inputs 1024, targets 256 tokens/);
    // A single licence throughout (rte: unknown, copa: unknown) is named in the front matter.
    expect(pc.front.license).toBe('unknown');

    const tf = await build({ ...small, output: 'tfrecord', tokenizer: { kind: 'default', workers: 1 } });
    const tc = card(tf.out);
    expect(tc.front.configs!.map((c) => c.config_name)).not.toContain('default');
    expect(tc.front.configs!.map((c) => c.config_name)).toContain('rte');
    expect(tc.body).toMatch(/TFRecord files .* which the\n`datasets` library does not read/);
  }, 60_000);

  it("never writes over a user's README.md in a --force folder: the build goes on without a card", async () => {
    const out = tempDir();
    writeFileSync(join(out, 'README.md'), 'my notes\n');
    const result = await buildMixture({ ...small, out, force: true });
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('my notes\n');
    expect(result.warnings).toEqual([
      `${join(out, 'README.md')} is not flanmix's: the dataset card was not written`,
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files).not.toContain('README.md');
    // A rebuild leaves it alone too; the CLI says so on one line.
    const cli = flanmix(['build', '--out', out, '--force', '--datasets', 'rte,copa']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain(
      `warning: ${join(out, 'README.md')} is not flanmix's: the dataset card was not written\n`,
    );
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('my notes\n');
  });

  it('replaces the card a previous flanmix build wrote', async () => {
    const out = tempDir();
    await buildMixture({ ...small, out });
    await buildMixture({ datasets: ['rte', 'copa'], out, seed: 2 });
    expect(card(out).body).toContain('--datasets copa,rte --seed 2');
  });
});

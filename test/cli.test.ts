import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flanmix, ROOT, tempDir } from './helpers.js';

describe('flanmix list', () => {
  it('--json lists 62 datasets in 12 clusters, ten templates each', () => {
    const r = flanmix(['list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.datasets).toHaveLength(62);
    expect(doc.clusters).toHaveLength(12);
    expect(doc.clusters.reduce((n: number, c: { datasets: string[] }) => n + c.datasets.length, 0)).toBe(62);
    for (const d of doc.datasets) {
      expect(d).toMatchObject({ templates: 10 });
      expect(d.inverted).toBeLessThanOrEqual(3);
      expect(['hub', 'manual']).toContain(d.availability);
      expect(d.tasks.length).toBeGreaterThan(0);
      for (const t of d.tasks) expect(t).toMatchObject({ templates: 10 });
      for (const t of d.tasks) expect(t).toHaveProperty('repo');
    }
    const squad = doc.datasets.find((d: { id: string }) => d.id === 'squad');
    expect(squad.tasks.map((t: { id: string; inverted: number }) => [t.id, t.inverted])).toEqual([
      ['v1', 2],
      ['v2', 0],
    ]);
    expect(squad.inverted).toBe(2);
    const anli = doc.datasets.find((d: { id: string }) => d.id === 'anli');
    expect(
      anli.tasks.map((t: { id: string; repo: string; config: string }) => [t.id, t.repo, t.config]),
    ).toEqual([
      ['r1', 'facebook/anli', 'plain_text'],
      ['r2', 'facebook/anli', 'plain_text'],
      ['r3', 'facebook/anli', 'plain_text'],
    ]);
  });

  it('--cluster filters, and a table is the default', () => {
    const r = flanmix(['list', '--cluster', 'coreference']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/definite_pronoun_resolution/);
    expect(r.stdout).toMatch(/3 datasets, 1 clusters/);
    expect(r.stdout).not.toMatch(/\brte\b/);
  });

  it("the table shows each task's Hub repo (once when the tasks share it), manual tasks as such", () => {
    const r = flanmix(['list']);
    expect(r.code).toBe(0);
    const row = (id: string) => r.stdout.split('\n').find((l) => l.split(/\s+/)[1] === id);
    expect(r.stdout.split('\n')[0]).toMatch(/\btemplates\s+repo$/);
    expect(row('anli')).toMatch(/\s{2}facebook\/anli$/);
    expect(row('squad')).toMatch(/\s{2}v1:rajpurkar\/squad v2:rajpurkar\/squad_v2$/);
    expect(row('story_cloze')).toMatch(/\s{2}manual \(--data-dir\)$/);
  });

  it('--sources prints every task source in the order a build tries them', () => {
    const r = flanmix(['list', '--sources', '--cluster', 'coreference']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^wsc273 /.test(l));
    expect(rows.map((l) => l.split(/\s{2,}/).slice(0, 4))).toEqual([
      ['wsc273', '1', 'ErnestSDavis/winograd_wsc@refs/convert/parquet (wsc273)', 'confirmed'],
      ['wsc273', '2', 'ErnestSDavis/winograd_wsc@refs/pr/2 (wsc273)', 'confirmed'],
    ]);
  });

  it('bad input exits non-zero with one line naming the problem', () => {
    const unknown = flanmix(['list', '--cluster', 'bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown cluster "bogus"/);
    const flag = flanmix(['list', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(flag.stderr).toMatch(/--bogus/);
    const cmd = flanmix(['lsit']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/unknown command "lsit"/);
  });

  it('every command has --help listing its flags with defaults', () => {
    for (const cmd of ['list', 'splits', 'render', 'rates', 'build', 'fetch']) {
      const r = flanmix([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: flanmix ${cmd}`));
    }
    expect(flanmix(['build', '--help']).stdout).toMatch(
      /--rate-max N\s+mixing-rate maximum per task \(default: 3000\)/,
    );
  });
});

describe('flanmix splits', () => {
  it('--json shows removed clusters with their rules', () => {
    const r = flanmix(['splits', '--held-out', 'reading_comprehension_with_commonsense', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.removed.map((x: { cluster: string }) => x.cluster).sort()).toEqual(
      ['commonsense', 'reading_comprehension', 'reading_comprehension_with_commonsense'].sort(),
    );
    expect(doc.evaluation.map((d: { id: string }) => d.id).sort()).toEqual(['cosmos_qa', 'record']);
  });

  it('takes several clusters, comma-separated or repeated', () => {
    const a = JSON.parse(flanmix(['splits', '--held-out', 'nli,commonsense', '--json']).stdout);
    const b = JSON.parse(
      flanmix(['splits', '--held-out', 'nli', '--held-out', 'commonsense', '--json']).stdout,
    );
    expect(a).toEqual(b);
    expect(a.heldOut).toEqual(['nli', 'commonsense']);
  });

  it('requires --held-out', () => {
    const r = flanmix(['splits']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--held-out/);
  });
});

describe('flanmix render', () => {
  it('renders one template as JSON lines with options', () => {
    const r = flanmix(['render', 'rte', '--template', '0', '--limit', '2', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      dataset: 'rte',
      task: 'rte',
      template: 0,
      inverted: false,
      options: ['yes', 'no'],
    });
    expect(lines[0].inputs).toMatch(/OPTIONS:\n- yes\n- no$/);
  });

  it('renders every template without --template, and names a bad template', () => {
    const all = flanmix(['render', 'anli', '--task', 'r2', '--limit', '1', '--json']);
    expect(all.stdout.trim().split('\n')).toHaveLength(10);
    const bad = flanmix(['render', 'rte', '--template', '10']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rte has templates 0 to 9/);
  });
});

describe('flanmix build options', () => {
  it('rejects a bad option value on one line', () => {
    const out = tempDir();
    const r = flanmix(['build', '--out', out, '--format', 'fancy']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/format/);
    const noOut = flanmix(['build']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out/);
  });

  it('reads a JSON config, with flags overriding it', () => {
    const dir = tempDir();
    const config = join(dir, 'mix.json');
    writeFileSync(config, JSON.stringify({ seed: 4, datasets: ['rte', 'cb'], shards: 2, total: 40 }));
    const r = flanmix(['build', '--config', config, '--out', join(dir, 'out'), '--total', '30']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.options.seed).toBe(4);
    expect(manifest.totals.examples).toBe(30);
    writeFileSync(config, JSON.stringify({ seeed: 4 }));
    const bad = flanmix(['build', '--config', config, '--out', join(dir, 'o2')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/seeed/);
  });
});

describe('the published entry points', () => {
  it("import { buildMixture } from 'flanmix' works from ESM and CJS builds", async () => {
    flanmix(['--version']); // fails early if dist is missing or stale
    const out = tempDir();
    const script = `
      const { buildMixture, mixingRates } = await import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
      const cjs = require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))});
      const r = await buildMixture({ out: ${JSON.stringify(out)}, datasets: ['rte'], seed: 1 });
      console.log(JSON.stringify({ examples: r.totals.examples, rates: mixingRates([10, 5000]), cjs: typeof cjs.buildMixture }));`;
    const r = spawnSync(process.execPath, ['--input-type=commonjs', '-e', `(async () => {${script}})()`], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ examples: 11, rates: [10, 3000], cjs: 'function' });
  });
});

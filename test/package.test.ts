// The published tarball works: `npm pack` (prepack builds dist/), install it into a scratch project, then run
// the CLI and import the package from ESM and CJS there. Uses the npm cache first (--prefer-offline).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false' } });

describe('the npm package', () => {
  it('names its repository, homepage and issue tracker (npm shows them on the package page)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/flanmix/flanmix.git' });
    expect(pkg.homepage).toBe('https://github.com/flanmix/flanmix#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/flanmix/flanmix/issues' });
  });

  it('packs with dist/, installs into a scratch project, runs the CLI and imports from ESM and CJS', () => {
    const packDir = tempDir();
    const pack = npm(['pack', '--pack-destination', packDir, '--silent'], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);
    const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
    for (const f of [
      'package/dist/cli.js',
      'package/dist/index.js',
      'package/dist/index.cjs',
      'package/dist/core.js',
      'package/LICENSE',
    ])
      expect(listing, f).toContain(f);

    const project = tempDir();
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    const install = npm(['install', '--prefer-offline', '--no-audit', tarball], project);
    expect(install.status, install.stderr).toBe(0);

    const cli = spawnSync(
      join(project, 'node_modules', '.bin', 'flanmix'),
      ['render', 'rte', '--limit', '1', '--template', '0'],
      {
        encoding: 'utf8',
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^=== rte\/rte row 0 template 0\n/);

    writeFileSync(
      join(project, 'esm.mjs'),
      "import { rates, VERSION } from 'flanmix';\nimport { heldOutSplit, loadRegistry } from 'flanmix/core';\nconst r = await rates({ datasets: ['rte', 'cb'] });\nconsole.log(JSON.stringify({ members: r.members.length, v: typeof VERSION, eval: heldOutSplit(loadRegistry(), ['nli']).evaluation.length > 0 }));\n",
    );
    writeFileSync(
      join(project, 'cjs.cjs'),
      "const { builtinCatalog, mixingRates } = require('flanmix');\nconsole.log(JSON.stringify({ datasets: builtinCatalog().registry.datasets.length, rates: mixingRates([10, 5000]) }));\n",
    );
    const esm = spawnSync(process.execPath, ['esm.mjs'], { cwd: project, encoding: 'utf8' });
    expect(esm.status, esm.stderr).toBe(0);
    expect(JSON.parse(esm.stdout)).toEqual({ members: 2, v: 'string', eval: true });
    const cjs = spawnSync(process.execPath, ['cjs.cjs'], { cwd: project, encoding: 'utf8' });
    expect(cjs.status, cjs.stderr).toBe(0);
    expect(JSON.parse(cjs.stdout)).toEqual({ datasets: 62, rates: [10, 3000] });
  }, 300_000);
});

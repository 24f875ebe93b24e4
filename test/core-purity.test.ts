import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['registry', 'catalog', 'adapters', 'templates', 'splits', 'mixture', 'pack', 'score'];
const NODE_BUILTINS =
  /from ['"](node:[\w/]+|fs|path|os|crypto|zlib|stream|url|util|child_process|worker_threads)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the core runs in a browser', () => {
  for (const folder of CORE) {
    it(`src/${folder} imports nothing from node`, () => {
      const root = join(import.meta.dirname, '..', 'src', folder);
      const offenders = files(root).filter((f) => NODE_BUILTINS.test(readFileSync(f, 'utf8')));
      expect(offenders).toEqual([]);
    });
  }
});

describe('flanmix/core bundles for the browser', () => {
  it('src/core.ts and everything it imports build with platform "browser" and no Node built-ins', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(import.meta.dirname, '..', 'src', 'core.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      loader: { '.yaml': 'text' },
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('node:'))).toBe(false);
    expect(inputs.filter((f) => f.includes('src/sources') || f.includes('src/cli'))).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('OPTIONS:');
  });
});

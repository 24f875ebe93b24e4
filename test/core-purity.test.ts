import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['registry', 'adapters', 'templates', 'splits', 'mixture', 'pack'];
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

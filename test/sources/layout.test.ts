// The sources' dependency rule: the hub, local and samples sources share src/sources/shared.ts (and the
// table, slice, spill modules) but never import one another; only open.ts, which builds them, knows all three.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCES = resolve(import.meta.dirname, '../../src/sources');

/** Relative imports of a file, resolved to paths relative to src/sources (`local.ts`, `hub/source.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SOURCES, file), 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) =>
    relative(SOURCES, resolve(dirname(join(SOURCES, file)), m[1]!)).replace(/\.js$/, '.ts'),
  );
}

const hubFiles = readdirSync(join(SOURCES, 'hub')).map((f) => `hub/${f}`);
const family = (path: string) => (path.startsWith('hub/') ? 'hub' : path.replace(/\.ts$/, ''));

describe('src/sources layout', () => {
  it.each([...hubFiles, 'local.ts', 'samples.ts'])('%s imports no other source', (file) => {
    const others = importsOf(file).filter(
      (p) => ['hub', 'local', 'samples', 'open'].includes(family(p)) && family(p) !== family(file),
    );
    expect(others).toEqual([]);
  });

  it('the shared module imports no source', () => {
    expect(
      importsOf('shared.ts').filter((p) => ['hub', 'local', 'samples', 'open'].includes(family(p))),
    ).toEqual([]);
  });
});

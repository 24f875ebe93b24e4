// User docs state decisions themselves; they never point at internal documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('docs and README cite no internal documents ("Part A", "§", flan-facts)', () => {
  const files = [
    'README.md',
    'CHANGELOG.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('docs', f)),
  ];
  const hits = files.flatMap((f) =>
    readFileSync(join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/Part A|§|flan-facts/.test(line) ? [`${f}:${i + 1}`] : [])),
  );
  expect(hits).toEqual([]);
});

it('the published type declarations cite no internal documents', () => {
  // Doc comments in src/ are shipped in dist/*.d.ts, which users read in their editors.
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const hits = walk('src').flatMap((f) =>
    readFileSync(join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/Part [AB]\b|flan-facts/.test(line) ? [`${f}:${i + 1}`] : [])),
  );
  expect(hits).toEqual([]);
});

#!/usr/bin/env node
// Bundles the explorer app (src/explore/app/main.ts, with the flanmix core it runs) for the browser into
// dist/explore/app.js; `npm run build` runs it after tsup. `flanmix explore` serves or copies that file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const result = await build({
  entryPoints: [new URL('../src/explore/app/main.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  loader: { '.yaml': 'text' },
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs);
const node = inputs.filter(
  (f) =>
    f.startsWith('node:') ||
    (f.includes('src/sources/') && !f.endsWith('/csv.ts') && !f.endsWith('/errors.ts')),
);
if (node.length) throw new Error(`the explorer bundle must not include Node-only code: ${node.join(', ')}`);
mkdirSync(new URL('../dist/explore/', import.meta.url), { recursive: true });
const text = `/* flanmix explore: the flanmix core bundled for the browser */\n${result.outputFiles[0].text}`;
writeFileSync(new URL('../dist/explore/app.js', import.meta.url), text);
console.log(`dist/explore/app.js ${(text.length / 1024).toFixed(0)} KB`);

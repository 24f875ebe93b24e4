import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM first, CJS for require() users, types for both.
    // slice-worker: the module each reading thread runs (src/sources/threads), found beside the bundle.
    entry: {
      index: 'src/index.ts',
      core: 'src/core.ts',
      'slice-worker': 'src/sources/threads/slice-worker.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    shims: true,
    target: 'node20',
    // Templates are data files; bundling them as text keeps the core free of fs so it runs in a browser.
    loader: { '.yaml': 'text' },
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    loader: { '.yaml': 'text' },
  },
]);

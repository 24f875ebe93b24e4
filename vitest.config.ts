import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Mirror tsup's `loader: { '.yaml': 'text' }` so tests import templates exactly as the bundle does.
      name: 'yaml-as-text',
      transform(code, id) {
        if (id.endsWith('.yaml')) return { code: `export default ${JSON.stringify(code)};`, map: null };
        return undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.ts'],
    reporters: [
      'default',
      {
        // A plain `N passed, N failed` closing line, which any CI log reader understands.
        onTestRunEnd(modules) {
          const states = modules.flatMap((m) => [...m.children.allTests()].map((t) => t.result().state));
          const count = (s: string) => states.filter((x) => x === s).length;
          console.log(`${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
        },
      },
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

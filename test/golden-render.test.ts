// Template 0 of every dataset (each of its tasks) rendered on its first usable sample row, compared with a committed file, so
// that any template (or adapter, or options-block) edit shows up as a reviewed diff of that file.
// After an intended change, regenerate and review the diff:
//   UPDATE_GOLDEN=1 npx vitest run test/golden-render.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptRow } from '../src/adapters/define.js';
import { ADAPTERS } from '../src/adapters/index.js';
import type { Example } from '../src/adapters/types.js';
import { loadRegistry } from '../src/registry/index.js';
import { readSampleRows } from '../src/sources/samples.js';
import { loadTemplates, templatesFor } from '../src/templates/index.js';
import { renderTemplate } from '../src/templates/render.js';

const GOLDEN = join(import.meta.dirname, 'fixtures', 'golden', 'render-template-0.txt');

function renderAll(): string {
  const registry = loadRegistry();
  const catalog = loadTemplates(registry);
  const parts: string[] = [];
  for (const dataset of registry.datasets) {
    // Every task: a template set may serve one task only (squad/v1 and squad/v2 differ).
    for (const task of dataset.tasks) {
      const set = templatesFor(catalog, dataset.id, task.id);
      const rows = readSampleRows(dataset.id, task.id);
      const first = rows
        .map((row, i) => ({ i, result: adaptRow(ADAPTERS[dataset.id]!, row, { dataset, task }, i) }))
        .find((r) => !('skip' in r.result) && r.result.length > 0)!;
      const example = (first.result as readonly Example[])[0]!;
      const r = renderTemplate(set, 0, example);
      parts.push(
        `=== ${dataset.id}/${task.id} row ${first.i} template 0\n${r.inputs}\n--- target\n${r.targets}\n`,
      );
    }
  }
  return parts.join('\n');
}

describe('golden render', () => {
  it('template 0 of every dataset on its first sample row matches test/fixtures/golden', () => {
    const text = renderAll();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text.match(/^=== /gm)).toHaveLength(67); // the 62 datasets have 67 tasks
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});

// The conformance suite for every shipped dataset: templates, adapter and sample rows together.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptRow, type Example } from '../src/adapters/index.js';
import { loadRegistry, tasksOf } from '../src/registry/index.js';
import { readSampleRows } from '../src/sources/samples.js';
import {
  loadTemplates,
  OPTIONS_FIELD,
  renderRaw,
  renderTemplate,
  templatesFor,
} from '../src/templates/index.js';

const registry = loadRegistry();
const catalog = loadTemplates(registry);
const MIN_SAMPLE_ROWS = 12;

describe.each(registry.datasets.map((d) => [d.id, d] as const))('%s', (_id, dataset) => {
  // Every task's set: its own (SQuAD v1, v2) or its dataset's.
  const sets = [...new Set(dataset.tasks.map((t) => templatesFor(catalog, dataset.id, t.id)))];

  it('has ten templates per task, at most three inverted, no two alike', () => {
    for (const set of sets) {
      expect(set.templates).toHaveLength(10);
      expect(set.templates.filter((t) => t.inverted).length).toBeLessThanOrEqual(3);
      const inputs = new Set(set.templates.map((t) => t.input.source.replace(/\s+/g, ' ').trim()));
      expect(inputs.size).toBe(10);
    }
  });

  it('has an adapter that yields every field its templates use', () => {
    const adapter = ADAPTERS[dataset.id];
    expect(adapter, `adapter for ${dataset.id}`).toBeDefined();
    for (const set of sets) {
      const used = new Set(
        [
          ...set.templates.flatMap((t) => [...t.input.fields, ...t.target.fields]),
          ...set.raw.input.fields,
          ...set.raw.target.fields,
        ].filter((f) => f !== OPTIONS_FIELD),
      );
      for (const f of used) expect(adapter!.fields, `${dataset.id} field ${f}`).toContain(f);
    }
  });

  for (const { task, key } of tasksOf([dataset])) {
    it(`${key}: every template renders on every sample row`, () => {
      const set = templatesFor(catalog, dataset.id, task.id);
      const adapter = ADAPTERS[dataset.id]!;
      const rows = readSampleRows(dataset.id, task.id);
      expect(rows.length).toBeGreaterThanOrEqual(MIN_SAMPLE_ROWS);
      const examples: Example[] = [];
      for (const [i, row] of rows.entries()) {
        const r = adaptRow(adapter, row, { dataset, task }, i);
        if (!('skip' in r)) examples.push(...r);
      }
      expect(examples.length).toBeGreaterThanOrEqual(Math.min(MIN_SAMPLE_ROWS, rows.length) - 2);
      for (const ex of examples) {
        if (dataset.kind === 'classification') {
          expect(ex.options?.length ?? 0).toBeGreaterThanOrEqual(2);
          expect(ex.options).toContain(ex.fields.answer);
        }
        for (const t of set.templates) {
          const out = renderTemplate(set, t.index, ex);
          expect(out.inputs.trim(), `${key} template ${t.index} input`).not.toBe('');
          expect(out.targets.trim(), `${key} template ${t.index} target`).not.toBe('');
          expect(out.inputs).not.toContain('{{');
          expect(out.targets).not.toContain('{{');
          if (dataset.kind === 'classification' && !t.inverted) {
            expect(ex.options).toContain(out.targets);
            expect(out.inputs.endsWith(`- ${ex.options!.at(-1)}`)).toBe(true);
          }
        }
        const raw = renderRaw(set, ex);
        expect(raw.inputs.trim()).not.toBe('');
      }
    });

    if (task.options) {
      it(`${key}: sample rows cover every label`, () => {
        const adapter = ADAPTERS[dataset.id]!;
        const answers = new Set<string>();
        for (const [i, row] of readSampleRows(dataset.id, task.id).entries()) {
          const r = adaptRow(adapter, row, { dataset, task }, i);
          if (!('skip' in r)) for (const ex of r) answers.add(ex.fields.answer!);
        }
        expect([...answers].sort()).toEqual([...task.options!].sort());
      });
    }
  }
});

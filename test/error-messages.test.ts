// Errors a user causes by editing the registry or a template file: one line, in our words, naming the
// file, the place (line and column, or the JSON path) and the offending key or value.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../src/registry/index.js';
import { parseTemplateSet } from '../src/templates/index.js';
import { ROOT } from './helpers.js';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('template files', () => {
  it('a YAML syntax error gives the file, line and column, on one line', () => {
    // Line 2 opens a flow map that is never closed; the parser notices at line 3, column 1.
    const unclosed = message(() =>
      parseTemplateSet('datasets: [rte]\nraw: { input: "x", target: "y"\ntemplates: []\n', 'bad.yaml'),
    );
    expect(unclosed).toMatch(/^bad\.yaml:3:1: not valid YAML: \S/);
    expect(unclosed).not.toContain('\n');
    expect(unclosed).not.toMatch(/:$/);
    // "   target: y" tries to continue the value "x" of line 3 (column 10) as a mapping.
    const nested = message(() =>
      parseTemplateSet('datasets: [rte]\nraw:\n  input: x\n   target: y\n', 'nested.yaml'),
    );
    expect(nested).toMatch(/^nested\.yaml:3:10: not valid YAML: \S/);
  });
});

const GOOD = `datasets: [rte]
raw: { input: "{{premise}}", target: "{{answer}}" }
templates:
  - { input: "{{premise}} {{options}}", target: "{{answer}}" }
`;

// The key and where it is must be named; the exact wording of the rest is the error formatter's business.
describe('unknown keys are named', () => {
  it('in a template file: the file, the template and the key', () => {
    expect(() => parseTemplateSet(GOOD, 'ok.yaml')).not.toThrow();
    const typo = GOOD.replace(
      '{{options}}", target: "{{answer}}" }',
      '{{options}}", target: "{{answer}}", invertd: true }',
    );
    expect(typo).not.toBe(GOOD);
    const m = message(() => parseTemplateSet(typo, 'typo.yaml'));
    expect(m).toMatch(/^typo\.yaml: /);
    expect(m).toMatch(/templates\[0\]: [^\n]*"invertd"/);
    const top = message(() => parseTemplateSet(`notes: hi\n${GOOD}`, 'top.yaml'));
    expect(top).toMatch(/^top\.yaml: [\s\S]*"notes"/);
  });

  it('in the registry: the JSON path and the key', () => {
    const clone = () => JSON.parse(readFileSync(join(ROOT, 'datasets.registry.json'), 'utf8'));
    const task = clone();
    task.datasets[5].tasks[0].colums = {};
    expect(message(() => parseRegistry(task))).toMatch(/\$\.datasets\[5\]\.tasks\[0\]: [^\n]*"colums"/);
    const dataset = clone();
    dataset.datasets[2].clustr = 'x';
    expect(message(() => parseRegistry(dataset))).toMatch(/\$\.datasets\[2\]: [^\n]*"clustr"/);
  });
});

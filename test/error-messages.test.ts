// Errors a user causes by editing the registry or a template file: one line, in our words, naming the
// file, the place (line and column, or the JSON path) and the offending key or value.
import { describe, expect, it } from 'vitest';
import { parseTemplateSet } from '../src/templates/index.js';

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

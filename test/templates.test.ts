import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/registry/index.js';
import {
  buildCatalog,
  compileText,
  parseTemplateSet,
  renderOptions,
  renderTemplate,
  TemplateError,
  templatesFor,
} from '../src/templates/index.js';

const registry = loadRegistry();
const yaml = (templates: string, datasets = '[rte]') =>
  `datasets: ${datasets}\nraw:\n  input: "{{premise}}"\n  target: "{{answer}}"\ntemplates:\n${templates}`;
const ok = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `  - input: "Case ${i}: {{premise}} / {{hypothesis}}\\n{{options}}"\n    target: "{{answer}}"\n`,
  ).join('');

describe('options block', () => {
  it("renders FLAN's layout exactly: OPTIONS:, dash lines, no trailing newline", () => {
    expect(renderOptions(['yes', 'it is not possible to tell', 'no'])).toBe(
      'OPTIONS:\n- yes\n- it is not possible to tell\n- no',
    );
    expect(renderOptions(['a', 'b'], 'letters')).toBe('OPTIONS:\n(A) a\n(B) b');
  });
});

describe('template engine', () => {
  it('renders fields verbatim (no HTML escaping) and the options block', () => {
    const set = parseTemplateSet(yaml(ok(1)), 'fixture.yaml');
    const out = renderTemplate(set, 0, {
      fields: { premise: 'Tom & "Jerry" <3', hypothesis: 'x', answer: 'no' },
      options: ['yes', 'no'],
    });
    expect(out.inputs).toBe('Case 0: Tom & "Jerry" <3 / x\nOPTIONS:\n- yes\n- no');
    expect(out.targets).toBe('no');
  });

  it('names dataset file, template and field when an example lacks a field', () => {
    const set = parseTemplateSet(yaml(ok(2)), 'templates/nli/rte.yaml');
    expect(() =>
      renderTemplate(set, 1, { fields: { premise: 'p', answer: 'no' }, options: ['yes', 'no'] }),
    ).toThrow('templates/nli/rte.yaml template 1 input: the example has no field "hypothesis"');
  });

  it('records the fields each text reads', () => {
    expect(compileText('{{a}} and {{b}} and {{a}}', 'x').fields).toEqual(['a', 'b']);
  });

  it('refuses helpers, blocks and paths: templates are plain slots', () => {
    expect(() => compileText('{{#if premise}}x{{/if}}', 'f.yaml template 0 input')).toThrow(
      /f\.yaml template 0 input: only \{\{field\}\} slots are allowed \(found a BlockStatement\)/,
    );
    expect(() => compileText('{{lookup premise 1}}', 'f')).toThrow(TemplateError);
    expect(() => compileText('{{../premise}}', 'f')).toThrow(TemplateError);
    expect(() => compileText('{{premise', 'f.yaml')).toThrow(/f\.yaml: not valid Handlebars/);
  });

  it('rejects bad template files with the file and the reason', () => {
    expect(() => parseTemplateSet('datasets: [rte]\ntemplates: []\n', 'bad.yaml')).toThrow(
      /bad\.yaml: invalid template set/,
    );
    expect(() => parseTemplateSet('datasets: [rte\n', 'bad.yaml')).toThrow(/bad\.yaml:2:1: not valid YAML/);
    const extra = yaml('  - input: "{{premise}}"\n    target: "{{answer}}"\n    invertd: true\n');
    expect(() => parseTemplateSet(extra, 'typo.yaml')).toThrow(
      /^typo\.yaml: invalid template set: templates\[0\]: unknown key "invertd"$/,
    );
  });

  it('enforces the classification rules of Part A §2', () => {
    const noOptions = yaml(`${ok(2)}  - input: "{{premise}}?"\n    target: "{{answer}}"\n`);
    expect(() => buildCatalog(registry, { 'x.yaml': noOptions })).toThrow(
      'x.yaml template 2: a classification template must end with {{options}}',
    );
    const badTarget = yaml(`  - input: "{{premise}} {{options}}"\n    target: "The answer is {{answer}}"\n`);
    expect(() => buildCatalog(registry, { 'x.yaml': badTarget })).toThrow(
      /x\.yaml template 0: a classification target must be/,
    );
    const inverted = yaml(
      `${ok(2)}${Array.from({ length: 4 }, (_, i) => `  - input: "Write {{answer}} ${i}"\n    target: "{{premise}}"\n    inverted: true\n`).join('')}`,
    );
    expect(() => buildCatalog(registry, { 'x.yaml': inverted })).toThrow(
      /x\.yaml: 4 inverted templates; at most 3/,
    );
    const twins = yaml(`${ok(1)}${ok(1)}`);
    expect(() => buildCatalog(registry, { 'x.yaml': twins })).toThrow(
      'x.yaml: templates 0 and 1 are the same',
    );
  });

  it('rejects unknown and doubly-served datasets', () => {
    expect(() => buildCatalog(registry, { 'x.yaml': yaml(ok(1), '[nope]') })).toThrow(
      'x.yaml: unknown dataset "nope"',
    );
    expect(() => buildCatalog(registry, { 'a.yaml': yaml(ok(1)), 'b.yaml': yaml(ok(1)) })).toThrow(
      'b.yaml: dataset "rte" already has templates in a.yaml',
    );
  });

  it('serves single tasks written dataset/task, never alongside a set for the whole dataset', () => {
    const gen = (datasets: string) =>
      `datasets: ${datasets}\nraw:\n  input: "{{context}}"\n  target: "{{answer}}"\ntemplates:\n  - input: "Q: {{question}} {{context}}"\n    target: "{{answer}}"\n`;
    const cat = buildCatalog(registry, { 'v1.yaml': gen('[squad/v1]'), 'v2.yaml': gen('[squad/v2]') });
    expect(templatesFor(cat, 'squad', 'v1').file).toBe('v1.yaml');
    expect(templatesFor(cat, 'squad', 'v2').file).toBe('v2.yaml');
    expect(() => templatesFor(cat, 'squad')).toThrow('dataset "squad" has no templates');
    expect(() => buildCatalog(registry, { 'x.yaml': gen('[squad/v3]') })).toThrow(
      'x.yaml: dataset "squad" has no task "v3"',
    );
    expect(() => buildCatalog(registry, { 'a.yaml': gen('[squad]'), 'b.yaml': gen('[squad/v2]') })).toThrow(
      'b.yaml: dataset "squad/v2" already has templates in a.yaml',
    );
    expect(() => buildCatalog(registry, { 'a.yaml': gen('[squad/v2]'), 'b.yaml': gen('[squad]') })).toThrow(
      'b.yaml: dataset "squad" already has templates in a.yaml',
    );
    // A dataset-wide set serves every task.
    const whole = buildCatalog(registry, { 'a.yaml': gen('[squad]') });
    expect(templatesFor(whole, 'squad', 'v2').file).toBe('a.yaml');
  });

  it('generation sets need no options block', () => {
    const gen = `datasets: [xsum]\nraw:\n  input: "{{text}}"\n  target: "{{summary}}"\ntemplates:\n  - input: "Sum up: {{text}}"\n    target: "{{summary}}"\n`;
    const cat = buildCatalog(registry, { 'xsum.yaml': gen });
    expect(cat.get('xsum')!.templates).toHaveLength(1);
  });
});

describe("compiled templates give the Handlebars runtime's text", () => {
  // The renderer joins the parsed pieces itself; Handlebars (noEscape, strict, no helpers) is the reference.
  const hbs = Handlebars.create();
  const reference = (source: string, ctx: Record<string, string>) =>
    hbs.compile(source, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers: {} })(ctx);
  const ctx = { a: 'Tom & "Jerry" <3', b: '  spaced \n lines  ', c: '', d: '{{a}} \\{{b}}' };
  const sources = [
    'plain text, no slots',
    '',
    '{{a}}',
    '{{a}}{{b}}{{a}}',
    '  {{a}} and {{b}}, then {{{c}}} and {{&d}}.\n',
    'Q: {{a}}\n{{! a comment on its own line }}\nA: {{b}}',
    'Q: {{a}}  {{!-- a long comment --}}  end',
    'left   {{~a~}}   right',
    'x\n  {{~! stripped both ways ~}}\n  y {{b~}}\n\n z',
    'escaped \\{{a}} stays literal, {{b}} does not',
    'line one\r\n{{!c}}\r\nline two {{d}}',
  ];
  for (const source of sources) {
    it(JSON.stringify(source), () => {
      expect(compileText(source, 'x').render(ctx)).toBe(reference(source, ctx));
    });
  }
});

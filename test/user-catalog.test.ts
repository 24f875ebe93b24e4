// A user's own datasets, templates and adapters merged over the built-in catalog.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAdapter } from '../src/adapters/define.js';
import { builtinCatalog, extendCatalog } from '../src/catalog/catalog.js';
import { renderRows } from '../src/catalog/render.js';
import { buildMixture, prepareMixture } from '../src/pipeline/build-mixture.js';
import { rates } from '../src/pipeline/rates.js';
import { render } from '../src/pipeline/render.js';
import { FlanmixError, getTask, UnknownNameError } from '../src/registry/index.js';
import { readJsonl, tempDir } from './helpers.js';

/** A classification dataset in the user's words: a sentence and whether it is polite. */
function politeness(cluster: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'politeness',
    name: 'Politeness',
    cluster,
    kind: 'classification',
    adapter: { fields: { sentence: 'text' }, label: { column: 'polite', names: ['rude', 'polite'] } },
    tasks: [
      {
        id: 'politeness',
        name: 'Politeness',
        columns: { text: 'string', polite: 'string' },
        sources: [{ availability: 'manual', files: 'our rows' }],
        splits: { train: 'train', test: 'test' },
        validationSize: 1,
        options: ['no', 'yes'],
      },
    ],
    ...extra,
  };
}

const TEMPLATES = `datasets: [politeness]
raw:
  input: "{{sentence}}"
  target: "{{answer}}"
templates:
  - input: "Is this polite? {{sentence}}\\n{{options}}"
    target: "{{answer}}"
  - input: "{{sentence}}\\nWould a stranger find that polite?\\n{{options}}"
    target: "{{answer}}"
`;

describe('registry files', () => {
  it('name the file and the JSON path on one line, in our words', () => {
    const bad = politeness('nli');
    (bad.tasks[0] as Record<string, unknown>).splits = { train: 'train' };
    const run = () => extendCatalog({ registry: { datasets: [bad] }, registryNames: ['my.json'] });
    expect(run).toThrow(FlanmixError);
    expect(run).toThrow(
      /^invalid registry my\.json: \$\.datasets\[0\]\.tasks\[0\]\.splits\.test: required \(string\)$/,
    );
    const typo = () =>
      extendCatalog({ registry: { datasets: [politeness('sentimant')] }, registryNames: ['my.json'] });
    expect(typo).toThrow(
      /^invalid registry my\.json: \$\.datasets\[0\]\.cluster: unknown cluster "sentimant" \(known: nli, .*; declare a new one under "clusters"\)$/,
    );
    const kind = () => extendCatalog({ registry: { datasets: [{ ...politeness('nli'), kind: 'ranking' }] } });
    expect(kind).toThrow(
      /^invalid registry catalog\.registry\[0\]: \$\.datasets\[0\]\.kind: must be "classification" or "generation", got "ranking"$/,
    );
    const names = () =>
      extendCatalog({
        registry: {
          datasets: [
            politeness('nli', {
              adapter: { fields: { sentence: 'text' }, label: { column: 'polite', names: ['a', 'b', 'c'] } },
            }),
          ],
        },
      });
    expect(names).toThrow(
      /\$\.datasets\[0\]\.adapter\.label\.names: 3 label names for the 2 options of task "politeness"/,
    );
  });

  it('need templates and an adapter for every dataset they add', () => {
    expect(() => extendCatalog({ registry: { datasets: [politeness('nli')] } })).toThrow(
      /^dataset "politeness" has no templates/,
    );
    const noAdapter = { ...politeness('nli') } as Record<string, unknown>;
    delete noAdapter.adapter;
    expect(() =>
      extendCatalog({ registry: { datasets: [noAdapter] }, templates: { 't.yaml': TEMPLATES } }),
    ).toThrow(/^dataset "politeness" has no adapter/);
    expect(() => extendCatalog({ templates: { 't.yaml': TEMPLATES } })).toThrow(
      /^t\.yaml: unknown dataset "politeness"/,
    );
  });

  it('merge over the built-in catalog without changing it', () => {
    const c = extendCatalog({
      registry: { clusters: [{ id: 'manners', name: 'Manners' }], datasets: [politeness('manners')] },
      templates: { 't.yaml': TEMPLATES },
    });
    expect(c.registry.datasets).toHaveLength(63);
    expect(c.registry.clusters.map((x) => x.id)).toContain('manners');
    expect(builtinCatalog().registry.datasets).toHaveLength(62);
    expect(builtinCatalog().registry.clusters).toHaveLength(12);
  });
});

describe('declarative adapter', () => {
  const catalog = extendCatalog({
    registry: { datasets: [politeness('nli')] },
    templates: { 't.yaml': TEMPLATES },
  });
  const ref = getTask(catalog.registry, 'politeness');
  const targets = (rows: Record<string, unknown>[]) =>
    renderRows(catalog, ref, rows, { template: 0, limit: 10 }).map((r) => `${r.row}:${r.targets}`);

  it('reads a label as a name, an option text or an index, and skips unlabelled rows', () => {
    expect(
      targets([
        { text: 'Thanks a lot!', polite: 'polite' },
        { text: 'Move.', polite: 'rude' },
        { text: 'Please sit.', polite: 'yes' },
        { text: 'Hm.', polite: null },
        { text: 'Go away.', polite: 0 },
        { text: 'Kindly wait.', polite: '1' },
        { text: '?', polite: -1 },
      ]),
    ).toEqual(['0:yes', '1:no', '2:yes', '4:no', '5:yes']);
  });

  it('renders the mapped fields and names a label it cannot place', () => {
    const [first] = renderRows(catalog, ref, [{ text: 'Thanks a lot!', polite: 'polite' }], { template: 0 });
    expect(first!.inputs).toBe('Is this polite? Thanks a lot!\nOPTIONS:\n- no\n- yes');
    expect(() => targets([{ text: 'x', polite: 'maybe' }])).toThrow(
      /^politeness\/politeness row 0: .*column "polite": label "maybe" is not an option index, option or label name \(options: no, yes\)$/,
    );
    expect(() => targets([{ polite: 'polite' }])).toThrow(
      /^politeness\/politeness row 0: row does not match the expected columns: text: required/,
    );
  });
});

describe('a user task in a mixture (library)', () => {
  /** The user's files in the local layout: 12 train rows, 4 test rows. */
  function dataDir(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'politeness'));
    const line = (i: number) =>
      JSON.stringify({ text: `Sentence number ${i}.`, polite: i % 2 ? 'polite' : 'rude' });
    writeFileSync(
      join(dir, 'politeness', 'train.jsonl'),
      `${Array.from({ length: 12 }, (_, i) => line(i)).join('\n')}\n`,
    );
    writeFileSync(
      join(dir, 'politeness', 'test.jsonl'),
      `${Array.from({ length: 4 }, (_, i) => line(100 + i)).join('\n')}\n`,
    );
    return dir;
  }
  // A code adapter instead of the registry's map: it upper-cases the sentence, so its use is visible.
  const shout = defineAdapter({
    row: z.object({ text: z.string(), polite: z.string() }),
    fields: ['sentence', 'answer'],
    adapt: (row) => [
      {
        fields: { sentence: row.text.toUpperCase(), answer: row.polite === 'polite' ? 'yes' : 'no' },
        options: ['no', 'yes'],
      },
    ],
  });
  const catalog = {
    registry: { datasets: [politeness('nli')] },
    templates: { 't.yaml': TEMPLATES },
    adapters: { politeness: shout },
  };

  it('joins a built-in cluster: held out with it, by id, with the cluster rules', async () => {
    const out = tempDir();
    const result = await buildMixture({
      datasets: ['politeness', 'rte', 'mrpc', 'cosmos_qa'],
      heldOut: ['nli'],
      dataDir: dataDir(),
      catalog,
      out,
    });
    // nli held out takes paraphrase (mrpc) out too; cosmos_qa trains.
    expect(result.members.map((m) => m.key)).toEqual(['cosmos_qa']);
    expect(result.eval.map((e) => `${e.dataset}.${e.split}`).sort()).toEqual([
      'politeness.test',
      'politeness.validation',
      'rte.test',
      'rte.validation',
    ]);
    const test = readJsonl(join(out, 'eval', 'politeness', 'politeness.test.jsonl'));
    expect(test).toHaveLength(4 * 2);
    expect(test[0]).toMatchObject({
      inputs: 'Is this polite? SENTENCE NUMBER 100.\nOPTIONS:\n- no\n- yes',
      targets: 'no',
    });
  });

  it('forms a new cluster; rates and render need no output folder', async () => {
    const own = {
      registry: { clusters: [{ id: 'manners', name: 'Manners' }], datasets: [politeness('manners')] },
      templates: { 't.yaml': TEMPLATES },
    };
    const dir = dataDir();
    const planned = await rates({ datasets: ['politeness', 'rte'], dataDir: dir, catalog: own });
    expect(planned.members.map((m) => [m.key, m.cluster, m.pool])).toEqual([
      ['rte', 'nli', expect.any(Number)],
      ['politeness', 'manners', 11],
    ]);
    const prepared = await prepareMixture({
      datasets: ['politeness', 'rte'],
      heldOut: ['manners'],
      dataDir: dir,
      catalog: own,
    });
    await prepared.source.close();
    expect(prepared.selection.evaluation.map((r) => r.key)).toEqual(['politeness']);
    const shown = await render({ dataset: 'politeness', dataDir: dir, catalog: own, limit: 1 });
    expect(shown.map((r) => r.inputs)).toEqual([
      'Is this polite? Sentence number 0.\nOPTIONS:\n- no\n- yes',
      'Sentence number 0.\nWould a stranger find that polite?\nOPTIONS:\n- no\n- yes',
    ]);
  });

  it('reads registry files and template folders from disk, and checks heldOut at run time', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'registry.yaml'), `datasets:\n  - ${JSON.stringify(politeness('nli'))}\n`);
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'politeness.yaml'), TEMPLATES);
    const options = {
      registry: [join(dir, 'registry.yaml')],
      templatesDir: [join(dir, 'tpl')],
      dataDir: dataDir(),
    };
    const planned = await rates({ ...options, datasets: ['politeness'] });
    expect(planned.members.map((m) => m.key)).toEqual(['politeness']);
    await expect(rates({ ...options, heldOut: ['nil'] })).rejects.toThrow(UnknownNameError);
    await expect(rates({ ...options, heldOut: ['nil'] })).rejects.toThrow(
      /^unknown cluster "nil" \(did you mean "nli"\?\)/,
    );
    await expect(rates({ ...options, cap: -5 })).rejects.toThrow(/^option cap: must be at least 1, got -5$/);
    await expect(rates({ ...options, cap: -5 })).rejects.toBeInstanceOf(FlanmixError);
    writeFileSync(join(dir, 'tpl', 'broken.yaml'), 'datasets: [politeness]\nraw: {}\n');
    await expect(rates(options)).rejects.toThrow(/^tpl\/broken\.yaml: /);
    expect(readdirSync(dir).sort()).toEqual(['registry.yaml', 'tpl']);
    expect(readFileSync(join(dir, 'tpl', 'politeness.yaml'), 'utf8')).toBe(TEMPLATES);
  });
});

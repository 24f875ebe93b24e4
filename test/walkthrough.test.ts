// Runs the walk-through of docs/templates.md exactly as written: its files and its `flanmix` commands.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flanmix, ROOT, readJsonl, tempDir } from './helpers.js';

const doc = readFileSync(join(ROOT, 'docs', 'templates.md'), 'utf8');
const section = doc.slice(doc.indexOf('### Walk-through'));

/** Fenced blocks of the walk-through: language, the path after it (files), and the text. */
const blocks = [...section.matchAll(/^```(\w+)(?: (\S+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  path: m[2],
  text: m[3]!,
}));
const files = blocks.filter((b) => b.path !== undefined);
const commands = blocks
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.text.split('\n'))
  .filter((l) => l.startsWith('flanmix '))
  .map((l) => l.slice('flanmix '.length).split(/\s+/));

function run(dir: string, verb: string) {
  const args = commands.find((c) => c[0] === verb);
  if (!args) throw new Error(`the walk-through has no "flanmix ${verb}" command`);
  return flanmix(args, {}, dir);
}

describe('docs/templates.md walk-through: a dataset from a local JSONL file with three templates', () => {
  const dir = tempDir();
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path!)), { recursive: true });
    writeFileSync(join(dir, f.path!), f.text);
  }

  it('has the three files and five commands the page describes', () => {
    expect(files.map((f) => f.path)).toEqual([
      'my-flan/data/ticket_routing/train.jsonl',
      'my-flan/registry.json',
      'my-flan/templates/ticket_routing.yaml',
    ]);
    expect(commands.map((c) => c[0])).toEqual(['render', 'list', 'splits', 'rates', 'build']);
  });

  it('render shows the first two rows with each of the three templates', () => {
    const r = run(dir, 'render');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^=== ticket_routing\/ticket_routing row \d template \d/gm)).toEqual([
      '=== ticket_routing/ticket_routing row 0 template 0',
      '=== ticket_routing/ticket_routing row 0 template 1',
      '=== ticket_routing/ticket_routing row 0 template 2',
      '=== ticket_routing/ticket_routing row 1 template 0',
      '=== ticket_routing/ticket_routing row 1 template 1',
      '=== ticket_routing/ticket_routing row 1 template 2',
    ]);
    // Row 1 is the export-button ticket, queue "bug": the second option.
    expect(r.stdout).toContain(
      'Ticket (Reports): The export button does nothing when I click it.\nPick the queue for this ticket.\nOPTIONS:\n- billing\n- technical problem\n- account access\n--- target\ntechnical problem\n',
    );
  });

  it('list and splits know the new cluster', () => {
    const list = run(dir, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /customer_support\s+ticket_routing\s+classification\s+ticket_routing\s+manual\s+3 \(1 inv\)/,
    );
    const splits = run(dir, 'splits');
    expect(splits.code).toBe(0);
    expect(splits.stdout).toContain('held out: customer_support');
    expect(splits.stdout).toContain('evaluation (1): ticket_routing');
    expect(splits.stdout).toMatch(/training \(62\): anli, /);
  });

  it('rates plans the user task beside the built-in ones: 12 rows, 2 for validation, 10 to train', () => {
    const r = run(dir, 'rates');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ticket_routing\s+customer_support\s+10\s+10\s/m);
    expect(r.stdout).toMatch(/^rte\s+nli\s/m);
    expect(r.stdout).toMatch(/^cosmos_qa\s+reading_comprehension_with_commonsense\s/m);
  });

  it('build writes its records into the shards and the manifest', () => {
    const r = run(dir, 'build');
    expect(r.code).toBe(0);
    const out = join(dir, 'out', 'tickets');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const member = manifest.members.find((m: { dataset: string }) => m.dataset === 'ticket_routing');
    expect(member).toMatchObject({
      cluster: 'customer_support',
      origin: { kind: 'local', split: 'train', files: ['ticket_routing/train.jsonl'] },
      counts: { rows: 12, train: 10, validation: 2 },
      count: 10,
    });
    const records = manifest.shards.flatMap((s: { file: string }) => readJsonl(join(out, s.file)));
    const mine = records.filter((x: Record<string, unknown>) => x.task === 'ticket_routing');
    expect(mine).toHaveLength(10);
    for (const x of mine) {
      if (x.inverted) expect(x.inputs).toMatch(/^Write a short support ticket about .+ queue\.$/);
      else expect(['billing', 'technical problem', 'account access']).toContain(x.targets);
    }
    expect(new Set(records.map((x: Record<string, unknown>) => x.task))).toEqual(
      new Set(['ticket_routing', 'rte', 'cosmos_qa']),
    );
  });
});

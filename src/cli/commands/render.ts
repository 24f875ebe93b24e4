import { z } from 'zod';
import { render } from '../../pipeline/render.js';
import { CATALOG_FLAGS, catalogFiles } from '../catalog-flags.js';
import { type Command, UsageError } from '../command.js';
import { intFlag, validateFlags } from '../parse.js';

const Flags = z.object({
  task: z.string().optional(),
  template: intFlag(0).optional(),
  limit: intFlag(1).optional(),
  json: z.boolean().default(false),
  'data-dir': z.string().optional(),
});

export const renderCommand: Command = {
  name: 'render',
  positionals: true,
  summary: "render a dataset's sample rows (or your files' first rows) with its templates, for review",
  usage: 'render DATASET [--task T] [--template N] [--limit K] [--json] [--data-dir DIR]',
  flags: {
    task: { type: 'string', arg: 'T', description: 'task of a multi-task dataset (default: its first task)' },
    template: {
      type: 'string',
      arg: 'N',
      description: 'only template N (0-based); without it, every template',
    },
    limit: { type: 'string', arg: 'K', description: 'sample rows to render', default: '3' },
    json: {
      type: 'boolean',
      description: 'JSON lines: dataset, task, template, inverted, inputs, targets, options',
    },
    'data-dir': {
      type: 'string',
      arg: 'DIR',
      description: "render the first rows of the task's local files in DIR instead of the samples",
    },
    ...CATALOG_FLAGS,
  },
  details: [
    'Examples:',
    '  flanmix render rte --template 0',
    '  flanmix render anli --task r2 --limit 1 --json',
    '  flanmix render tickets --registry my/registry.json --templates-dir my/templates --data-dir my/data',
  ].join('\n'),
  async run(values, positionals, io) {
    const flags = validateFlags(Flags, values);
    if (positionals.length !== 1) throw new UsageError('name exactly one DATASET (see flanmix list)');
    const rendered = await render({
      dataset: positionals[0]!,
      ...(flags.task !== undefined ? { task: flags.task } : {}),
      ...(flags.template !== undefined ? { template: flags.template } : {}),
      limit: flags.limit ?? 3,
      ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] } : {}),
      ...catalogFiles(values),
    });
    for (const r of rendered) {
      if (flags.json) {
        io.stdout(`${JSON.stringify(r)}\n`);
      } else {
        io.stdout(
          `=== ${r.dataset}/${r.task} row ${r.row} template ${r.template}${r.inverted ? ' (inverted)' : ''}\n${r.inputs}\n--- target\n${r.targets}\n\n`,
        );
      }
    }
    return 0;
  },
};

import { z } from 'zod';
import { adaptRow } from '../../adapters/define.js';
import { ADAPTERS } from '../../adapters/index.js';
import { getTask, loadRegistry } from '../../registry/load.js';
import { readSampleRows } from '../../sources/samples.js';
import { loadTemplates, templatesFor } from '../../templates/load.js';
import { renderTemplate } from '../../templates/render.js';
import { type Command, UsageError } from '../command.js';
import { validateFlags } from '../parse.js';

const Flags = z.object({
  task: z.string().optional(),
  template: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().positive().default(3),
  json: z.boolean().default(false),
});

export const renderCommand: Command = {
  name: 'render',
  positionals: true,
  summary: "render a dataset's shipped sample rows with its templates, for review",
  usage: 'render DATASET [--task T] [--template N] [--limit K] [--json]',
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
  },
  details: 'Examples:\n  flanmix render rte --template 0\n  flanmix render anli --task r2 --limit 1 --json',
  async run(values, positionals, io) {
    const flags = validateFlags(Flags, values);
    if (positionals.length !== 1) throw new UsageError('name exactly one DATASET (see flanmix list)');
    const registry = loadRegistry();
    const { dataset, task } = getTask(registry, positionals[0]!, flags.task);
    const set = templatesFor(loadTemplates(registry), dataset.id, task.id);
    const adapter = ADAPTERS[dataset.id];
    if (!adapter) throw new UsageError(`dataset "${dataset.id}" has no adapter`);
    if (flags.template !== undefined && flags.template >= set.templates.length) {
      throw new UsageError(`--template: ${dataset.id} has templates 0 to ${set.templates.length - 1}`);
    }
    const indices = flags.template === undefined ? set.templates.map((t) => t.index) : [flags.template];
    const rows = readSampleRows(dataset.id, task.id);
    let shown = 0;
    for (const [i, row] of rows.entries()) {
      if (shown >= flags.limit) break;
      const result = adaptRow(adapter, row, { dataset, task }, i);
      if ('skip' in result) continue;
      for (const example of result) {
        if (shown >= flags.limit) break;
        shown++;
        for (const index of indices) {
          const r = renderTemplate(set, index, example);
          const inverted = set.templates[index]!.inverted;
          if (flags.json) {
            io.stdout(
              `${JSON.stringify({ dataset: dataset.id, task: task.id, row: i, template: index, inverted, inputs: r.inputs, targets: r.targets, options: example.options ?? null })}\n`,
            );
          } else {
            io.stdout(
              `=== ${dataset.id}/${task.id} row ${i} template ${index}${inverted ? ' (inverted)' : ''}\n${r.inputs}\n--- target\n${r.targets}\n\n`,
            );
          }
        }
      }
    }
    return 0;
  },
};

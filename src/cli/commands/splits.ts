import { z } from 'zod';
import { parseCluster } from '../../registry/load.js';
import { heldOutSplit } from '../../splits/heldout.js';
import { CATALOG_FLAGS, catalogFromFlags } from '../catalog-flags.js';
import { type Command, UsageError } from '../command.js';
import { splitList, validateFlags } from '../parse.js';

const Flags = z.object({ 'held-out': z.unknown().optional(), json: z.boolean().default(false) });

export const splitsCommand: Command = {
  name: 'splits',
  summary: 'show a leave-cluster-out split: training datasets, evaluation datasets, removed clusters',
  usage: 'splits --held-out C[,C…] [--json]',
  flags: {
    'held-out': {
      type: 'string',
      arg: 'C[,C…]',
      description: 'cluster(s) to hold out (comma-separated or repeated)',
      multiple: true,
    },
    json: { type: 'boolean', description: 'print JSON', default: false },
    ...CATALOG_FLAGS,
  },
  details: 'Example:\n  flanmix splits --held-out nli,closed_book_qa,commonsense',
  async run(values, _positionals, io) {
    const flags = validateFlags(Flags, values);
    const { registry } = catalogFromFlags(values, io.cwd);
    const names = splitList(flags['held-out']);
    if (names.length === 0)
      throw new UsageError('--held-out is required: name at least one cluster (--held-out C[,C…])');
    const split = heldOutSplit(
      registry,
      names.map((n) => parseCluster(registry, n)),
    );
    if (flags.json) {
      io.stdout(
        `${JSON.stringify(
          {
            heldOut: split.heldOut,
            removed: split.removed,
            train: split.train.map((d) => ({ id: d.id, cluster: d.cluster })),
            evaluation: split.evaluation.map((d) => ({ id: d.id, cluster: d.cluster })),
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const out = [`held out: ${split.heldOut.join(', ')}`, 'clusters out of training:'];
    for (const r of split.removed) out.push(`  ${r.cluster.padEnd(40)} ${r.rule}`);
    out.push(`evaluation (${split.evaluation.length}): ${split.evaluation.map((d) => d.id).join(', ')}`);
    out.push(`training (${split.train.length}): ${split.train.map((d) => d.id).join(', ')}`);
    io.stdout(`${out.join('\n')}\n`);
    return 0;
  },
};

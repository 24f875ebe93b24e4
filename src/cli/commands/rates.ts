import { loadMembers, selectTasks, sourceSpec } from '../../build/build-mixture.js';
import { mixOptionsOf } from '../../build/options.js';
import { planFor } from '../../mixture/mix.js';
import { loadRegistry } from '../../registry/load.js';
import { openSource } from '../../sources/index.js';
import { buildOptionsFromFlags, MIX_FLAGS } from '../build-flags.js';
import type { Command } from '../command.js';
import { makeProgress } from '../progress.js';
import { table } from '../table.js';

export const ratesCommand: Command = {
  name: 'rates',
  summary: 'show members, pool sizes, mixing rates, shares and exact counts before building',
  usage: 'rates [--source samples|hub|local] [--held-out C…] [--json] [options]',
  flags: { ...MIX_FLAGS, json: { type: 'boolean', description: 'print JSON' } },
  details: 'Example:\n  flanmix rates --held-out nli --rate-max 3000 --total 100000',
  async run(values, _positionals, io) {
    const options = buildOptionsFromFlags(values, false);
    const registry = loadRegistry();
    const selection = selectTasks(registry, options);
    const source = openSource(sourceSpec(options), io.env);
    try {
      const loaded = await loadMembers(source, registry, selection.train, options, makeProgress(io));
      const plan = planFor(loaded.members, mixOptionsOf(options));
      const members = plan.members.map((p, i) => ({ ...p, cluster: loaded.reports[i]!.cluster }));
      if (values.json) {
        io.stdout(`${JSON.stringify({ total: plan.total, members, skipped: loaded.skipped }, null, 2)}\n`);
        return 0;
      }
      const rows = members.map((m) => [
        m.key,
        m.cluster,
        m.pool,
        m.rate.toFixed(0),
        `${(m.share * 100).toFixed(2)}%`,
        m.count,
      ]);
      io.stdout(table(['member', 'cluster', 'pool', 'rate', 'share', 'count'], rows));
      for (const s of loaded.skipped) io.stdout(`skipped ${s.dataset}/${s.task}: ${s.reason}\n`);
      io.stdout(`${members.length} members, ${plan.total} examples\n`);
      return 0;
    } finally {
      await source.close();
    }
  },
};

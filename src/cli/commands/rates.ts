import { prepareMixture } from '../../pipeline/build-mixture.js';
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
    const { plan, reports, skipped, source } = await prepareMixture(options, {
      progress: makeProgress(io),
      env: io.env,
    });
    await source.close();
    const members = reports.map(({ key, cluster, pool, rate, share, count }) => ({
      key,
      cluster,
      pool,
      rate,
      share,
      count,
    }));
    if (values.json) {
      io.stdout(`${JSON.stringify({ total: plan.total, members, skipped }, null, 2)}\n`);
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
    for (const s of skipped) io.stdout(`skipped ${s.dataset}/${s.task}: ${s.reason}\n`);
    io.stdout(`${members.length} members, ${plan.total} examples\n`);
    return 0;
  },
};

import { sizedMixture } from '../../mixture/sized.js';
import { rates } from '../../pipeline/rates.js';
import { suggest } from '../../registry/suggest.js';
import { buildOptionsFromFlags, MIX_FLAGS } from '../build-flags.js';
import { CATALOG_FLAGS, catalogFiles, catalogFromFlags } from '../catalog-flags.js';
import { type Command, type Io, UsageError } from '../command.js';
import { makeProgress, PROGRESS_FLAGS } from '../progress.js';
import { table } from '../table.js';

export const ratesCommand: Command = {
  name: 'rates',
  summary: 'show members, pool sizes, mixing rates, shares and exact counts before building',
  usage: 'rates [--sizes source|registry] [--source samples|hub|local] [--held-out C…] [--json] [options]',
  flags: {
    ...MIX_FLAGS,
    ...CATALOG_FLAGS,
    ...PROGRESS_FLAGS,
    sizes: {
      type: 'string',
      arg: 'source|registry',
      description: "pool sizes from the source's rows, or the registry's published split sizes (offline)",
      default: 'source',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  details:
    'Examples:\n  flanmix rates --held-out nli --rate-max 3000 --total 100000\n  flanmix rates --sizes registry --held-out nli   # the full-size FLAN mixture, no download',
  async run(values, _positionals, io) {
    const options = { ...buildOptionsFromFlags(values, false), ...catalogFiles(values) };
    if (values.sizes !== undefined && values.sizes !== 'source' && values.sizes !== 'registry')
      throw new UsageError(
        `--sizes must be "source" or "registry", got ${JSON.stringify(String(values.sizes))}${suggest(String(values.sizes), ['source', 'registry'])}`,
      );
    if (values.sizes === 'registry')
      return printRates(sizedMixture(catalogFromFlags(values, io.cwd).registry, options), values, io);
    const planned = await rates(options, { progress: makeProgress(io, values), env: io.env });
    return printRates(planned, values, io);
  },
};

interface RatesView {
  total: number;
  members: { key: string; cluster: string; pool: number; rate: number; share: number; count: number }[];
  skipped: { dataset: string; task: string; reason: string }[];
}

/** One table (or JSON object) whether the pools came from rows or from the registry's sizes. */
function printRates(view: RatesView, values: Record<string, unknown>, io: Io): number {
  const members = view.members.map(({ key, cluster, pool, rate, share, count }) => ({
    key,
    cluster,
    pool,
    rate,
    share,
    count,
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ total: view.total, members, skipped: view.skipped }, null, 2)}\n`);
    return 0;
  }
  const rows = members.map((m) => [
    m.key,
    m.cluster,
    m.pool,
    // Low temperatures give rates normalised to 1 (src/mixture/rates.ts): keep their digits.
    m.rate >= 1 || m.rate === 0 ? m.rate.toFixed(0) : m.rate.toPrecision(3),
    `${(m.share * 100).toFixed(2)}%`,
    m.count,
  ]);
  io.stdout(table(['member', 'cluster', 'pool', 'rate', 'share', 'count'], rows));
  for (const s of view.skipped) io.stdout(`skipped ${s.dataset}/${s.task}: ${s.reason}\n`);
  io.stdout(`${members.length} members, ${view.total} examples\n`);
  return 0;
}

import { z } from 'zod';
import { getDataset, parseCluster, type TaskRef, tasksOf } from '../../registry/load.js';
import type { Registry } from '../../registry/schema.js';
import { checkHubSources } from '../../sources/hub/check.js';
import { type CheckReport, CheckVerdictSchema, type TaskCheck } from '../../sources/hub/check-schema.js';
import { hubSettings } from '../../sources/hub/settings.js';
import { heldOutSplit } from '../../splits/heldout.js';
import { CATALOG_FLAGS, catalogFromFlags } from '../catalog-flags.js';
import { type Command, type Io, UsageError } from '../command.js';
import { splitList, validateFlags } from '../parse.js';
import { formatBytes } from '../progress-bar.js';
import { table } from '../table.js';

const Flags = z.object({
  datasets: z.unknown().optional(),
  clusters: z.unknown().optional(),
  'held-out': z.unknown().optional(),
  'hub-endpoint': z.string().url().optional(),
  json: z.boolean().default(false),
});

/** The tasks named by DATASET…/--datasets, --clusters and --held-out (each narrows the rest), in registry order. */
export function checkedTasks(
  registry: Registry,
  names: readonly string[],
  clusters: readonly string[],
  heldOut: readonly string[],
): TaskRef[] {
  let datasets = registry.datasets;
  if (names.length) {
    const ids = new Set(names.map((n) => getDataset(registry, n).id));
    datasets = datasets.filter((d) => ids.has(d.id));
  }
  if (clusters.length) {
    const ids = new Set(clusters.map((c) => parseCluster(registry, c)));
    datasets = datasets.filter((d) => ids.has(d.cluster));
  }
  if (heldOut.length) {
    const split = heldOutSplit(
      registry,
      heldOut.map((c) => parseCluster(registry, c)),
    );
    const inMixture = new Set([...split.train, ...split.evaluation].map((d) => d.id));
    datasets = datasets.filter((d) => inMixture.has(d.id));
  }
  if (datasets.length === 0) throw new UsageError('no dataset matches the selection');
  return tasksOf(datasets);
}

const FAILED = new Set(['mismatch', 'missing', 'error']);

export const checkCommand: Command = {
  name: 'check',
  positionals: true,
  summary: "check every task's Hub sources (revision, files, columns, types, rows) from parquet footers only",
  usage: 'check [DATASET…] [--datasets D[,D…]] [--clusters C[,C…]] [--held-out C[,C…]] [--json] [options]',
  flags: {
    datasets: { type: 'string', arg: 'D[,D…]', description: 'only these datasets', multiple: true },
    clusters: {
      type: 'string',
      arg: 'C[,C…]',
      description: 'only the datasets of these clusters',
      multiple: true,
    },
    'held-out': {
      type: 'string',
      arg: 'C[,C…]',
      description: 'only the datasets a build held out on these clusters reads',
      multiple: true,
    },
    'hub-endpoint': {
      type: 'string',
      arg: 'URL',
      description: 'Hub mirror (default: $HF_ENDPOINT or https://huggingface.co)',
    },
    json: {
      type: 'boolean',
      description: 'print a JSON array (shape in docs/sources.md) instead of a table',
    },
    ...CATALOG_FLAGS,
  },
  details: [
    'Reads no row data and writes no file: per task split, the sources are tried in registry order (revision,',
    "file listing, then each parquet file's footer by range request), and columns, types and rows are compared",
    "with the registry's. HF_TOKEN authenticates (never printed); HF_HUB_DOWNLOAD_TIMEOUT sets the idle timeout.",
    'Exit status: 0 when every selected task has a working source (manual datasets are listed, not contacted),',
    '1 when one has none or could not be checked, 2 for a mistake in the call.',
    '',
    'Examples:',
    '  flanmix check',
    '  flanmix check --clusters summarization,translation',
    '  flanmix check samsum hellaswag --json',
  ].join('\n'),
  async run(values, positionals, io) {
    const flags = validateFlags(Flags, values);
    const { registry } = catalogFromFlags(values, io.cwd);
    const refs = checkedTasks(
      registry,
      [...positionals, ...splitList(flags.datasets)],
      splitList(flags.clusters),
      splitList(flags['held-out']),
    );
    const settings = hubSettings(
      { kind: 'hub', ...(flags['hub-endpoint'] ? { endpoint: flags['hub-endpoint'] } : {}) },
      io.env,
    );
    if (settings.offline)
      throw new UsageError('check asks the Hub, but HF_HUB_OFFLINE is set: unset it to check the sources');
    const report = await checkHubSources(refs, settings, {
      onTask: (c, done, total) => io.stderr(`check [${done}/${total}] ${progressLine(c)}\n`),
    });
    const failed = report.filter((c) => FAILED.has(c.verdict)).length;
    if (flags.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report, io);
    return failed ? 1 : 0;
  },
};

function describe(s: NonNullable<TaskCheck['source']> | TaskCheck['failures'][number]): string {
  return `(${s.index}) ${s.repo}@${s.revision} (${s.config})`;
}

function progressLine(c: TaskCheck): string {
  if (!c.source) return `${c.key}: ${c.verdict}`;
  const files = c.splits.reduce((n, s) => n + s.files.length, 0);
  return `${c.key}: ${c.verdict}, ${describe(c.source)}, ${files} file(s), footers ${formatBytes(c.footerBytes)}`;
}

const rowsOf = (c: TaskCheck, role: 'train' | 'eval') => {
  const s = c.splits.find((x) => x.role === role);
  if (!s) return c.verdict === 'manual' ? '' : '-';
  return s.rows === null ? '?' : s.rows.toLocaleString('en-US');
};

function printReport(report: CheckReport, io: Io): void {
  io.stdout(
    table(
      ['task', 'source', 'commit', 'files', 'train rows', 'eval rows', 'size', 'verdict', 'warning'],
      report.map((c) => {
        const found = c.splits.filter((s) => s.source);
        const other = found.find((s) => s.source!.index !== c.source?.index);
        return [
          c.key,
          c.source
            ? `${describe(c.source)}${other ? ` + ${other.role} from (${other.source!.index})` : ''}`
            : c.verdict === 'manual'
              ? 'manual (--data-dir)'
              : '-',
          c.source ? c.source.commit.slice(0, 7) : '',
          found.length ? String(found.reduce((n, s) => n + s.files.length, 0)) : '',
          rowsOf(c, 'train'),
          rowsOf(c, 'eval'),
          found.length ? formatBytes(found.reduce((n, s) => n + (s.bytes ?? 0), 0)) : '',
          c.verdict,
          c.splits.some((s) => s.sizeWarning) ? 'rows differ' : '',
        ];
      }),
    ),
  );
  for (const c of report) {
    // One line per source and reason; a reason both splits share is printed once.
    const lines = new Map<string, string[]>();
    for (const f of c.failures) {
      const line = `${describe(f)}: ${f.reason}`;
      lines.set(line, [...(lines.get(line) ?? []), f.role]);
    }
    for (const [line, roles] of lines) io.stdout(`${c.verdict} ${c.key} [${roles.join(', ')}] ${line}\n`);
    for (const s of c.splits) if (s.sizeWarning) io.stdout(`warning ${c.key}: ${s.sizeWarning}\n`);
  }
  const counts = CheckVerdictSchema.options
    .map((v) => [v, report.filter((c) => c.verdict === v).length] as const)
    .filter(([, n]) => n > 0);
  const footers = report.reduce((n, c) => n + c.footerBytes, 0);
  io.stdout(
    `${report.length} task(s): ${counts.map(([v, n]) => `${n} ${v}`).join(', ')}; footers read: ${formatBytes(footers)}\n`,
  );
}

import { z } from 'zod';
import { FlanmixError } from '../../registry/errors.js';
import { getDataset, parseCluster, type TaskRef, tasksOf } from '../../registry/load.js';
import type { Dataset } from '../../registry/schema.js';
import { SourceUnavailableError } from '../../sources/errors.js';
import { openSource } from '../../sources/open.js';
import type { SourceSpec, SplitInfo } from '../../sources/types.js';
import { heldOutSplit } from '../../splits/heldout.js';
import { CATALOG_FLAGS, catalogFromFlags } from '../catalog-flags.js';
import { type Command, UsageError } from '../command.js';
import { splitList, validateFlags } from '../parse.js';
import { makeProgress, PROGRESS_FLAGS } from '../progress.js';
import { formatBytes } from '../progress-bar.js';
import { table } from '../table.js';

const Flags = z.object({
  'held-out': z.unknown().optional(),
  source: z.enum(['hub', 'local', 'samples']).default('hub'),
  'data-dir': z.string().optional(),
  'hub-endpoint': z.string().url().optional(),
  'cache-dir': z.string().optional(),
  offline: z.boolean().default(false),
  check: z.boolean().default(false),
  splits: z.enum(['build', 'train', 'test', 'all']).default('build'),
  'skip-unavailable': z.boolean().default(false),
  json: z.boolean().default(false),
});

type Role = 'train' | 'test';

interface Row {
  dataset: string;
  task: string;
  key: string;
  role: Role;
  split: string;
  status: 'ok' | 'missing' | 'unavailable' | 'skipped' | 'error';
  rows: number | null;
  bytes: number | null;
  origin: SplitInfo['origin'] | null;
  missing: string[];
  reason: string | null;
}

/** The task splits a build reads: training splits of training datasets; both splits of held-out ones. */
export function fetchPlan(
  datasets: readonly Dataset[],
  evaluation: readonly Dataset[],
  splits: 'build' | 'train' | 'test' | 'all',
): { ref: TaskRef; role: Role }[] {
  const evalIds = new Set(evaluation.map((d) => d.id));
  const plan: { ref: TaskRef; role: Role }[] = [];
  for (const ref of tasksOf(datasets)) {
    const held = evalIds.has(ref.dataset.id);
    const roles: Role[] =
      splits === 'train'
        ? ['train']
        : splits === 'test'
          ? ['test']
          : splits === 'all' || held
            ? ['train', 'test']
            : ['train'];
    for (const role of roles) {
      if (role === 'train' && ref.task.splits.train === null) continue;
      plan.push({ ref, role });
    }
  }
  return plan;
}

export const fetchCommand: Command = {
  name: 'fetch',
  positionals: true,
  summary: 'download (or check) the source files of a mixture ahead of a build; rows per task and split',
  usage: 'fetch [DATASET…] [--held-out C[,C…]] [--source hub|local|samples] [--check] [options]',
  flags: {
    'held-out': {
      type: 'string',
      arg: 'C[,C…]',
      description:
        'the mixture of this held-out split: training splits, plus both splits of held-out datasets',
      multiple: true,
    },
    source: { type: 'string', arg: 'hub|local|samples', description: 'where rows come from', default: 'hub' },
    'data-dir': {
      type: 'string',
      arg: 'DIR',
      description: 'local files (the source with --source local; preferred over the Hub, task by task)',
    },
    'hub-endpoint': {
      type: 'string',
      arg: 'URL',
      description: 'Hub mirror (default: $HF_ENDPOINT or https://huggingface.co)',
    },
    'cache-dir': {
      type: 'string',
      arg: 'DIR',
      description: 'download cache (default: $HF_HUB_CACHE, $HF_HOME/hub, ~/.cache/huggingface/hub)',
    },
    offline: { type: 'boolean', description: 'use the download cache only (also HF_HUB_OFFLINE=1)' },
    check: { type: 'boolean', description: 'download nothing: report what is cached and what is missing' },
    splits: {
      type: 'string',
      arg: 'build|train|test|all',
      description: 'which splits: what a build reads, or train, test, or both for every dataset',
      default: 'build',
    },
    'skip-unavailable': {
      type: 'boolean',
      description: 'datasets that cannot be had (manual without files, 404, 401) do not fail the command',
    },
    json: { type: 'boolean', description: 'print JSON instead of a table' },
    ...CATALOG_FLAGS,
    ...PROGRESS_FLAGS,
  },
  details: [
    'Without DATASET or --held-out: every dataset of the registry. HF_TOKEN authenticates (never printed).',
    'Exit status: 0 when every split is there, 1 when one is unavailable, failed, or (with --check) not cached.',
    '',
    'Examples:',
    '  flanmix fetch rte anli',
    '  flanmix fetch --held-out nli --check',
    '  flanmix fetch story_cloze --data-dir ~/flan-data',
    '  HF_ENDPOINT=https://hf-mirror.example flanmix fetch --held-out commonsense',
  ].join('\n'),
  async run(values, positionals, io) {
    const flags = validateFlags(Flags, values);
    const { registry } = catalogFromFlags(values, io.cwd);
    const named = positionals.map((id) => getDataset(registry, id));
    const clusters = splitList(flags['held-out']).map((c) => parseCluster(registry, c));
    let datasets: Dataset[] = named.length ? named : registry.datasets;
    let evaluation: Dataset[] = [];
    if (clusters.length) {
      const split = heldOutSplit(registry, clusters);
      const inMixture = new Set([...split.train, ...split.evaluation].map((d) => d.id));
      datasets = datasets.filter((d) => inMixture.has(d.id));
      evaluation = split.evaluation;
      if (datasets.length === 0) throw new UsageError('none of the named datasets is in that mixture');
    }
    let spec: SourceSpec;
    if (flags.source === 'local') {
      if (!flags['data-dir']) throw new UsageError('--source local needs --data-dir DIR');
      spec = { kind: 'local', dir: flags['data-dir'] };
    } else if (flags.source === 'hub') {
      spec = {
        kind: 'hub',
        ...(flags['hub-endpoint'] ? { endpoint: flags['hub-endpoint'] } : {}),
        ...(flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
        ...(flags.offline ? { offline: true } : {}),
        ...(flags['data-dir'] ? { localDir: flags['data-dir'] } : {}),
      };
    } else {
      spec = { kind: 'samples' };
    }

    const source = openSource(spec, { ...io.env });
    const progress = makeProgress(io, values);
    const rows: Row[] = [];
    try {
      for (const { ref, role } of fetchPlan(datasets, evaluation, flags.splits)) {
        const split = (role === 'train' ? ref.task.splits.train : ref.task.splits.test) ?? '-';
        const base = { dataset: ref.dataset.id, task: ref.task.id, key: ref.key, role, split };
        try {
          const info = await source.prepare!(ref, role, { progress, check: flags.check });
          rows.push({
            ...base,
            status: info.missing.length ? 'missing' : 'ok',
            rows: info.rows,
            bytes: info.bytes,
            origin: info.origin,
            missing: info.missing,
            reason: !info.missing.length
              ? null
              : info.origin.files.length === 0
                ? `not in the download cache: ${info.missing.join(', ')} (fetch without --check downloads it)`
                : `${info.missing.length} file(s) not in the cache: ${info.missing.join(', ')}`,
          });
        } catch (e) {
          progress.done();
          if (!(e instanceof FlanmixError)) throw e;
          const unavailable = e instanceof SourceUnavailableError;
          rows.push({
            ...base,
            status: unavailable ? (flags['skip-unavailable'] ? 'skipped' : 'unavailable') : 'error',
            rows: null,
            bytes: null,
            origin: null,
            missing: [],
            reason: unavailable ? e.reason : e.message,
          });
        }
      }
    } finally {
      await source.close();
    }

    const failed = rows.filter(
      (r) => r.status === 'unavailable' || r.status === 'error' || r.status === 'missing',
    );
    if (flags.json) {
      io.stdout(`${JSON.stringify({ source: spec.kind, check: flags.check, splits: rows }, null, 2)}\n`);
      return failed.length ? 1 : 0;
    }
    io.stdout(
      table(
        ['task', 'role', 'split', 'rows', 'size', 'from', 'status'],
        rows.map((r) => [
          r.key,
          r.role,
          r.split,
          r.rows === null ? '?' : r.rows.toLocaleString('en-US'),
          r.bytes === null ? '?' : formatBytes(r.bytes),
          describeOrigin(r.origin),
          r.status,
        ]),
      ),
    );
    for (const r of rows) if (r.reason) io.stdout(`${r.status} ${r.key} (${r.role}): ${r.reason}\n`);
    const ok = rows.filter((r) => r.status === 'ok');
    const total = ok.reduce((n, r) => n + (r.rows ?? 0), 0);
    const bytes = ok.reduce((n, r) => n + (r.bytes ?? 0), 0);
    const skipped = rows.filter((r) => r.status === 'skipped').length;
    io.stdout(
      `${ok.length} of ${rows.length} splits ready: ${total.toLocaleString('en-US')} rows, ${formatBytes(bytes)}` +
        `${skipped ? `; ${skipped} skipped` : ''}${failed.length ? `; ${failed.length} not ready` : ''}\n`,
    );
    return failed.length ? 1 : 0;
  },
};

function describeOrigin(o: SplitInfo['origin'] | null): string {
  if (!o) return '-';
  if (o.kind === 'hub')
    return `${o.repo}@${o.revision === 'main' ? '' : `${o.revision}:`}${o.commit?.slice(0, 7) ?? '?'}${
      o.source && o.source > 1 ? ` (source ${o.source})` : ''
    }`;
  if (o.kind === 'local') return `local ${o.files.length === 1 ? o.files[0] : `${o.files.length} files`}`;
  return 'samples';
}

import { z } from 'zod';
import { parseCluster, taskKey } from '../../registry/load.js';
import type { Dataset, Registry } from '../../registry/schema.js';
import { describeSource, hubSources } from '../../registry/sources.js';
import type { TemplateCatalog } from '../../templates/load.js';
import { CATALOG_FLAGS, catalogFromFlags } from '../catalog-flags.js';
import type { Command } from '../command.js';
import { validateFlags } from '../parse.js';
import { table } from '../table.js';

const Flags = z.object({
  cluster: z.string().optional(),
  json: z.boolean().default(false),
  sources: z.boolean().default(false),
});

/** One dataset as `list --json` prints it (docs/cli.md documents this shape). */
export function datasetSummary(d: Dataset, catalog: TemplateCatalog) {
  // A task's own set (SQuAD v1, v2) or its dataset's; the dataset line shows the most any task has.
  const counts = d.tasks.map((t) => {
    const set = catalog.get(`${d.id}/${t.id}`) ?? catalog.get(d.id);
    return {
      templates: set?.templates.length ?? 0,
      inverted: set?.templates.filter((x) => x.inverted).length ?? 0,
    };
  });
  return {
    id: d.id,
    name: d.name,
    cluster: d.cluster,
    kind: d.kind,
    availability: d.tasks.some((t) => hubSources(t).length === 0) ? 'manual' : 'hub',
    templates: Math.max(...counts.map((c) => c.templates)),
    inverted: Math.max(...counts.map((c) => c.inverted)),
    tasks: d.tasks.map((t, i) => {
      const first = hubSources(t)[0];
      return {
        id: t.id,
        ...counts[i]!,
        name: t.name,
        availability: first ? 'hub' : 'manual',
        // The first Hub source (the one a build tries first); `sources` lists them all, in order.
        repo: first?.repo ?? null,
        config: first?.config ?? null,
        revision: first?.revision ?? null,
        sources: t.sources,
        splits: t.splits,
        options: t.options ?? null,
      };
    }),
  };
}

/** One row per task source, in the order a build tries them (`list --sources`). */
function sourceRows(datasets: readonly Dataset[]): string[][] {
  return datasets.flatMap((d) =>
    d.tasks.flatMap((t) =>
      t.sources.map((s, i) => [
        taskKey(d, t),
        String(i + 1),
        s.availability === 'hub' ? describeSource(s) : 'manual (--data-dir)',
        s.confidence ?? '',
        s.availability === 'hub' ? (s.note ?? '') : s.files,
      ]),
    ),
  );
}

/**
 * The Hub repo each task reads first, once when the tasks share it (`facebook/anli`), else per task
 * (`v1:rajpurkar/squad v2:rajpurkar/squad_v2`); `manual (--data-dir)` for a task with no Hub source.
 */
function repos(tasks: { id: string; repo: string | null }[]): string {
  const shown = tasks.map((t) => t.repo ?? 'manual (--data-dir)');
  if (new Set(shown).size === 1) return shown[0]!;
  return tasks.map((t, i) => `${t.id}:${shown[i]}`).join(' ');
}

function selected(registry: Registry, cluster: string | undefined): Dataset[] {
  if (cluster === undefined) return registry.datasets;
  const c = parseCluster(registry, cluster);
  return registry.datasets.filter((d) => d.cluster === c);
}

export const listCommand: Command = {
  name: 'list',
  summary: 'list the registry: datasets, clusters, tasks, sources and template counts',
  usage: 'list [--cluster C] [--sources] [--json]',
  flags: {
    cluster: { type: 'string', arg: 'C', description: 'only the datasets of cluster C' },
    json: { type: 'boolean', description: 'print one JSON document instead of a table', default: false },
    sources: {
      type: 'boolean',
      description: "one row per task source, in the order a build tries them, with each source's confidence",
      default: false,
    },
    ...CATALOG_FLAGS,
  },
  details:
    'Examples:\n  flanmix list --cluster nli\n  flanmix list --sources --cluster summarization\n  flanmix list --json | jq ".datasets[].id"',
  async run(values, _positionals, io) {
    const flags = validateFlags(Flags, values);
    const { registry, templates: catalog } = catalogFromFlags(values, io.cwd);
    const datasets = selected(registry, flags.cluster);
    if (flags.json) {
      const clusters = registry.clusters
        .filter((c) => datasets.some((d) => d.cluster === c.id))
        .map((c) => ({
          id: c.id,
          name: c.name,
          datasets: datasets.filter((d) => d.cluster === c.id).map((d) => d.id),
        }));
      io.stdout(
        `${JSON.stringify({ clusters, datasets: datasets.map((d) => datasetSummary(d, catalog)) }, null, 2)}\n`,
      );
      return 0;
    }
    if (flags.sources) {
      io.stdout(table(['task', '#', 'source', 'confidence', 'note'], sourceRows(datasets)));
      return 0;
    }
    const rows = datasets.map((d) => {
      const s = datasetSummary(d, catalog);
      return [
        d.cluster,
        d.id,
        d.kind,
        s.tasks.map((t) => t.id).join(','),
        s.availability,
        `${s.templates} (${s.inverted} inv)`,
        repos(s.tasks),
      ];
    });
    io.stdout(table(['cluster', 'dataset', 'kind', 'tasks', 'source', 'templates', 'repo'], rows));
    io.stdout(`${datasets.length} datasets, ${new Set(datasets.map((d) => d.cluster)).size} clusters\n`);
    return 0;
  },
};

import registryJson from '../../datasets.registry.json';
import { formatIssues, RegistryError, UnknownNameError } from './errors.js';
import {
  type Cluster,
  checkDatasets,
  type Dataset,
  type Registry,
  RegistryExtensionSchema,
  RegistrySchema,
  type Task,
} from './schema.js';
import { didYouMean } from './suggest.js';

/** Validates a registry object; throws a RegistryError naming the JSON path and the reason. */
export function parseRegistry(data: unknown, origin = 'datasets.registry.json'): Registry {
  const result = RegistrySchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new RegistryError(`invalid registry ${origin}: ${formatIssues(result.error.issues, '$')}`);
  }
  return result.data;
}

/**
 * Merges a user's registry file over a registry: its clusters and datasets replace those with the same id
 * and join the others at the end. Errors name `origin` and the JSON path inside it.
 */
export function extendRegistry(base: Registry, data: unknown, origin: string): Registry {
  const schema = RegistryExtensionSchema.superRefine((ext, ctx) =>
    checkDatasets(ext.datasets, mergeById(base.clusters, ext.clusters), ctx),
  );
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    throw new RegistryError(`invalid registry ${origin}: ${formatIssues(result.error.issues, '$')}`);
  }
  const ext = result.data;
  return {
    version: 1,
    clusters: mergeById(base.clusters, ext.clusters),
    datasets: mergeById(base.datasets, ext.datasets),
  };
}

function mergeById<T extends { id: string }>(base: readonly T[], added: readonly T[]): T[] {
  const byId = new Map(added.map((x) => [x.id, x]));
  const merged = base.map((x) => byId.get(x.id) ?? x);
  return [...merged, ...added.filter((x) => !base.some((b) => b.id === x.id))];
}

let cached: Registry | undefined;

/** The registry shipped with flanmix (bundled, so this works in a browser too). */
export function loadRegistry(): Registry {
  cached ??= parseRegistry(registryJson);
  return cached;
}

export interface TaskRef {
  dataset: Dataset;
  task: Task;
  /** `dataset` when it has one task, else `dataset/task`: unique and stable, used in outputs. */
  key: string;
}

export function taskKey(dataset: Dataset, task: Task): string {
  return dataset.tasks.length === 1 ? dataset.id : `${dataset.id}/${task.id}`;
}

export function getDataset(registry: Registry, id: string): Dataset {
  const d = registry.datasets.find((x) => x.id === id);
  if (!d) {
    const ids = registry.datasets.map((x) => x.id);
    const hint = didYouMean(id, ids);
    throw new UnknownNameError(`unknown dataset "${id}"${hint || ` (known: ${ids.join(', ')})`}`);
  }
  return d;
}

export function getTask(registry: Registry, datasetId: string, taskId?: string): TaskRef {
  const dataset = getDataset(registry, datasetId);
  const task = taskId === undefined ? dataset.tasks[0]! : dataset.tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new UnknownNameError(
      `dataset "${datasetId}" has no task "${taskId}"${didYouMean(
        String(taskId),
        dataset.tasks.map((t) => t.id),
      )} (tasks: ${dataset.tasks.map((t) => t.id).join(', ')})`,
    );
  }
  return { dataset, task, key: taskKey(dataset, task) };
}

/** Every task of the given datasets, in registry order. */
export function tasksOf(datasets: readonly Dataset[]): TaskRef[] {
  return datasets.flatMap((dataset) =>
    dataset.tasks.map((task) => ({ dataset, task, key: taskKey(dataset, task) })),
  );
}

export function datasetsInCluster(registry: Registry, cluster: Cluster): Dataset[] {
  return registry.datasets.filter((d) => d.cluster === cluster);
}

export function parseCluster(registry: Registry, name: string): Cluster {
  const c = registry.clusters.find((x) => x.id === name);
  if (!c) {
    throw new UnknownNameError(
      `unknown cluster "${name}"${didYouMean(
        name,
        registry.clusters.map((x) => x.id),
      )} (known: ${registry.clusters.map((x) => x.id).join(', ')})`,
    );
  }
  return c.id;
}

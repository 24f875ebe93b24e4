import registryJson from '../../datasets.registry.json';
import { formatIssues, RegistryError } from './errors.js';
import { type Cluster, type Dataset, type Registry, RegistrySchema, type Task } from './schema.js';

/** Validates a registry object; throws a RegistryError naming the JSON path and the reason. */
export function parseRegistry(data: unknown, origin = 'datasets.registry.json'): Registry {
  const result = RegistrySchema.safeParse(data);
  if (!result.success) {
    throw new RegistryError(`invalid registry ${origin}:\n${formatIssues(result.error.issues, '$')}`);
  }
  return result.data;
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
    const known = registry.datasets.map((x) => x.id).join(', ');
    throw new RegistryError(`unknown dataset "${id}" (known: ${known})`);
  }
  return d;
}

export function getTask(registry: Registry, datasetId: string, taskId?: string): TaskRef {
  const dataset = getDataset(registry, datasetId);
  const task = taskId === undefined ? dataset.tasks[0]! : dataset.tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new RegistryError(
      `dataset "${datasetId}" has no task "${taskId}" (tasks: ${dataset.tasks.map((t) => t.id).join(', ')})`,
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
    throw new RegistryError(
      `unknown cluster "${name}" (known: ${registry.clusters.map((x) => x.id).join(', ')})`,
    );
  }
  return c.id;
}

import { RegistryError } from '../registry/errors.js';
import { getDataset, type TaskRef, tasksOf } from '../registry/load.js';
import type { Cluster, Registry } from '../registry/schema.js';
import { heldOutSplit } from '../splits/heldout.js';
import { planMixture } from './plan.js';
import { sliceSizes } from './slice-sizes.js';

/** The options a registry-sized plan takes: the same names and defaults as build options. */
export interface SizedMixtureOptions {
  heldOut?: readonly Cluster[];
  datasets?: readonly string[];
  cap?: number;
  validationSize?: number | undefined;
  rateMax?: number;
  temperature?: number;
  total?: number | undefined;
}

export interface SizedMember {
  key: string;
  dataset: string;
  task: string;
  cluster: Cluster;
  pool: number;
  /** Where the pool size comes from: FLAN's own count, or the split size less the validation tail. */
  poolFrom: 'flan' | 'split';
  rate: number;
  share: number;
  count: number;
}

export interface SizedMixture {
  total: number;
  members: SizedMember[];
  skipped: { dataset: string; task: string; reason: string }[];
}

/**
 * A task's training pool from the registry's published sizes, as a full build would slice it: FLAN's own count
 * where the registry has one (and the validation tail is FLAN's), else the split size less the validation tail;
 * then the cap. Null when the registry has no size for the task's training split.
 */
export function registryPoolSize(
  ref: TaskRef,
  options: Pick<SizedMixtureOptions, 'cap' | 'validationSize'> = {},
): { pool: number; from: 'flan' | 'split' } | null {
  const sizes = ref.task.sizes;
  const cap = options.cap ?? 30000;
  if (!sizes?.train) return null;
  if (sizes.flanTrain !== undefined && options.validationSize === undefined)
    return { pool: Math.min(cap, sizes.flanTrain), from: 'flan' };
  const validation = options.validationSize ?? ref.task.validationSize;
  return { pool: sliceSizes(sizes.train.rows, cap, validation).train, from: 'split' };
}

/**
 * The mixture's members, pools, rates, shares and exact counts from the registry's split sizes alone: what a
 * full-size build would plan, with no download. Task selection follows the build (held-out clusters and the
 * paper's exclusion rules, `datasets`, evaluation-only tasks left out); tasks without sizes are skipped.
 */
export function sizedMixture(registry: Registry, options: SizedMixtureOptions = {}): SizedMixture {
  const named = options.datasets && new Set(options.datasets.map((id) => getDataset(registry, id).id));
  let datasets = named ? registry.datasets.filter((d) => named.has(d.id)) : registry.datasets;
  if (options.heldOut?.length) {
    const train = new Set(heldOutSplit(registry, options.heldOut).train.map((d) => d.id));
    datasets = datasets.filter((d) => train.has(d.id));
  }
  const refs = tasksOf(datasets).filter((r) => r.task.splits.train !== null);
  const sized: { ref: TaskRef; pool: number; from: 'flan' | 'split' }[] = [];
  const skipped: SizedMixture['skipped'] = [];
  for (const ref of refs) {
    const size = registryPoolSize(ref, options);
    if (size) sized.push({ ref, ...size });
    else
      skipped.push({
        dataset: ref.dataset.id,
        task: ref.task.id,
        reason: 'the registry has no size for its training split',
      });
  }
  if (sized.length === 0) throw new RegistryError('the mixture has no training tasks with registry sizes');
  const plan = planMixture(
    sized.map((s) => ({ key: s.ref.key, poolSize: s.pool })),
    { rateMax: options.rateMax, temperature: options.temperature, total: options.total },
  );
  return {
    total: plan.total,
    members: plan.members.map((m, i) => {
      const { ref, from } = sized[i]!;
      return {
        key: m.key,
        dataset: ref.dataset.id,
        task: ref.task.id,
        cluster: ref.dataset.cluster,
        pool: m.pool,
        poolFrom: from,
        rate: m.rate,
        share: m.share,
        count: m.count,
      };
    }),
    skipped,
  };
}

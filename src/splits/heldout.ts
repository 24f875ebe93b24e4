import { RegistryError } from '../registry/errors.js';
import type { Cluster, Dataset, Registry } from '../registry/schema.js';

/** Why a cluster is out of training: held out itself, or removed by one of the paper's footnote rules. */
export interface RemovedCluster {
  cluster: Cluster;
  rule: string;
  /** The held-out cluster that triggered the removal. */
  because: Cluster;
}

export interface HeldOutSplit {
  heldOut: Cluster[];
  /** Datasets trained on (clusters neither held out nor removed). */
  train: Dataset[];
  /** Datasets of the held-out clusters: evaluated zero-shot. */
  evaluation: Dataset[];
  /** Every cluster out of training, with the rule that took it out. */
  removed: RemovedCluster[];
}

/** The paper's exclusion rules (docs/mixing.md): clusters too close to a held-out one to train on. */
const EXCLUSIONS: ReadonlyArray<{ heldOut: Cluster; removes: Cluster; rule: string }> = [
  {
    heldOut: 'reading_comprehension_with_commonsense',
    removes: 'reading_comprehension',
    rule: 'reading comprehension is removed when reading comprehension with commonsense is held out',
  },
  {
    heldOut: 'reading_comprehension_with_commonsense',
    removes: 'commonsense',
    rule: 'commonsense is removed when reading comprehension with commonsense is held out',
  },
  {
    heldOut: 'reading_comprehension',
    removes: 'reading_comprehension_with_commonsense',
    rule: 'reading comprehension with commonsense is removed when reading comprehension is held out',
  },
  {
    heldOut: 'commonsense',
    removes: 'reading_comprehension_with_commonsense',
    rule: 'reading comprehension with commonsense is removed when commonsense is held out',
  },
  { heldOut: 'nli', removes: 'paraphrase', rule: 'paraphrase is removed when nli is held out' },
  { heldOut: 'paraphrase', removes: 'nli', rule: 'nli is removed when paraphrase is held out' },
];

/**
 * Leave-cluster-out split (docs/mixing.md). Several clusters may be held out at once; a cluster removed by a
 * rule is reported once, under the first held-out cluster (in the order given) that removed it.
 */
export function heldOutSplit(registry: Registry, clusters: readonly Cluster[]): HeldOutSplit {
  if (clusters.length === 0) throw new RegistryError('hold out at least one cluster');
  const heldOut = [...new Set(clusters)];
  const removed: RemovedCluster[] = heldOut.map((c) => ({ cluster: c, rule: 'held out', because: c }));
  for (const c of heldOut) {
    for (const ex of EXCLUSIONS) {
      if (ex.heldOut === c && !removed.some((r) => r.cluster === ex.removes)) {
        removed.push({ cluster: ex.removes, rule: ex.rule, because: c });
      }
    }
  }
  const out = new Set(removed.map((r) => r.cluster));
  return {
    heldOut,
    train: registry.datasets.filter((d) => !out.has(d.cluster)),
    evaluation: registry.datasets.filter((d) => heldOut.includes(d.cluster)),
    removed,
  };
}

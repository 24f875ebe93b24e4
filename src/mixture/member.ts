import type { Example } from '../adapters/types.js';
import type { TaskRef } from '../registry/load.js';
import type { OptionsStyle } from '../templates/options.js';
import { renderRaw, renderTemplate } from '../templates/render.js';
import type { TemplateSet } from '../templates/set.js';
import type { TemplateSubset } from './options.js';
import type { Pool } from './pool.js';
import type { Format } from './record.js';

/** One mixture member: a task with its templates and its training slice. */
export interface Member {
  ref: TaskRef;
  /** Display name of the member's cluster, for the `dataset-name` format. */
  clusterName: string;
  templates: TemplateSet;
  pool: Pool;
}

/** The template indices a member may use under a subset option. */
export function allowedTemplates(set: TemplateSet, subset: TemplateSubset): number[] {
  const all = set.templates.map((t) => t.index);
  if (subset === 'all') return all;
  if (subset === 'non-inverted') return set.templates.filter((t) => !t.inverted).map((t) => t.index);
  return all.slice(0, subset);
}

export interface Phrased {
  inputs: string;
  targets: string;
  template: number | null;
  inverted: boolean;
}

/**
 * Phrases one example in a format (docs/mixing.md, "Templates and formats"): the template's instruction, the raw inputs alone, or the raw
 * inputs after a `[Cluster: Dataset]` tag (e.g. `[Translation: WMT'14 EN-FR] The dog runs.`).
 */
export function phrase(
  member: Member,
  example: Example,
  format: Format,
  template: number,
  optionsStyle: OptionsStyle,
): Phrased {
  if (format === 'instruction') {
    const r = renderTemplate(member.templates, template, example, optionsStyle);
    return { ...r, template, inverted: member.templates.templates[template]!.inverted };
  }
  const raw = renderRaw(member.templates, example, optionsStyle);
  const inputs =
    format === 'dataset-name' ? `[${member.clusterName}: ${member.ref.task.name}] ${raw.inputs}` : raw.inputs;
  return { inputs, targets: raw.targets, template: null, inverted: false };
}

import type { Example } from '../adapters/types.js';
import type { CompiledText } from './compile.js';
import { type OptionsStyle, renderOptions } from './options.js';
import { OPTIONS_FIELD, type TemplateSet } from './set.js';

export interface Rendered {
  inputs: string;
  targets: string;
}

/** The template context: the example's fields plus the rendered options block, when it has options. */
export function templateContext(example: Example, style: OptionsStyle = 'flan'): Record<string, string> {
  if (!example.options) return example.fields as Record<string, string>;
  return { ...example.fields, [OPTIONS_FIELD]: renderOptions(example.options, style) };
}

/** Renders template `index` of a set on one example. */
export function renderTemplate(
  set: TemplateSet,
  index: number,
  example: Example,
  style: OptionsStyle = 'flan',
): Rendered {
  const t = set.templates[index];
  if (!t) throw new RangeError(`${set.file}: no template ${index} (it has ${set.templates.length})`);
  return renderPair(t.input, t.target, templateContext(example, style));
}

/** The raw inputs and target, with no instruction (the `no-template` and `dataset-name` formats). */
export function renderRaw(set: TemplateSet, example: Example, style: OptionsStyle = 'flan'): Rendered {
  return renderPair(set.raw.input, set.raw.target, templateContext(example, style));
}

function renderPair(input: CompiledText, target: CompiledText, ctx: Record<string, string>): Rendered {
  return { inputs: input.render(ctx), targets: target.render(ctx) };
}

import { parse as parseYaml, YAMLParseError } from 'yaml';
import { formatIssues } from '../registry/errors.js';
import type { Dataset } from '../registry/schema.js';
import { type CompiledText, compileText, TemplateError } from './compile.js';
import { TemplateSetSchema, type TemplateSetSpec } from './schema.js';

export interface CompiledTemplate {
  /** 0-based position in its set, as FLAN numbers templates (`_type_{idx}`). */
  readonly index: number;
  readonly inverted: boolean;
  readonly input: CompiledText;
  readonly target: CompiledText;
}

export interface TemplateSet {
  /** Where it came from, e.g. `templates/nli/rte.yaml`: named in every error. */
  readonly file: string;
  readonly datasets: readonly string[];
  readonly raw: { readonly input: CompiledText; readonly target: CompiledText };
  readonly templates: readonly CompiledTemplate[];
}

export const MAX_INVERTED = 3;
export const OPTIONS_FIELD = 'options';
export const ANSWER_FIELD = 'answer';

/**
 * `file:line:column: not valid YAML: reason`, one line: the parser's reason without its own location suffix
 * and code frame, so editors and terminals can jump to the spot.
 */
function yamlErrorMessage(e: unknown, file: string): string {
  const reason = ((e as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const at = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
  return `${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${reason}`;
}

/** Parses, validates and compiles one template file's text. */
export function parseTemplateSet(text: string, file: string): TemplateSet {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new TemplateError(yamlErrorMessage(e, file));
  }
  const result = TemplateSetSchema.safeParse(data, { reportInput: true });
  if (!result.success)
    throw new TemplateError(`${file}: invalid template set: ${formatIssues(result.error.issues)}`);
  return compileSet(result.data, file);
}

function compileSet(spec: TemplateSetSpec, file: string): TemplateSet {
  return {
    file,
    datasets: spec.datasets,
    raw: {
      input: compileText(spec.raw.input, `${file} raw input`),
      target: compileText(spec.raw.target, `${file} raw target`),
    },
    templates: spec.templates.map((t, index) => ({
      index,
      inverted: t.inverted,
      input: compileText(t.input, `${file} template ${index} input`),
      target: compileText(t.target, `${file} template ${index} target`),
    })),
  };
}

/**
 * Checks the template rules (docs/templates.md) for the datasets a set serves: at most three inverted templates, no two
 * alike, and every non-inverted classification template ends with the options block and targets the answer.
 */
export function checkTemplateSet(set: TemplateSet, datasets: readonly Dataset[]): void {
  const inverted = set.templates.filter((t) => t.inverted).length;
  if (inverted > MAX_INVERTED) {
    throw new TemplateError(
      `${set.file}: ${inverted} inverted templates; at most ${MAX_INVERTED} are allowed`,
    );
  }
  const seen = new Map<string, number>();
  for (const t of set.templates) {
    const key = `${normalize(t.input.source)}\u0000${normalize(t.target.source)}`;
    const twin = seen.get(key);
    if (twin !== undefined)
      throw new TemplateError(`${set.file}: templates ${twin} and ${t.index} are the same`);
    seen.set(key, t.index);
  }
  const classification = datasets.some((d) => d.kind === 'classification');
  if (!classification) return;
  for (const t of set.templates) {
    if (t.inverted) continue;
    if (!t.input.source.trimEnd().endsWith(`{{${OPTIONS_FIELD}}}`)) {
      throw new TemplateError(
        `${set.file} template ${t.index}: a classification template must end with {{options}}`,
      );
    }
    if (t.target.source.trim() !== `{{${ANSWER_FIELD}}}`) {
      throw new TemplateError(`${set.file} template ${t.index}: a classification target must be {{answer}}`);
    }
  }
}

function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { FewShotSchema, SeparatorsSchema } from '../mixture/options.js';
import { PackOptionsSchema } from '../pack/options.js';
import { BuildOptionsSchema } from '../pipeline/options.js';
import { suggest } from '../registry/suggest.js';
import { TokenizerSpecSchema } from '../tokenize/types.js';
import { UsageError } from './command.js';

/** Keys each nested option object takes; a key outside them is a typo the build would otherwise ignore. */
const NESTED: Record<string, { keys: readonly string[]; example?: string }> = {
  fewShot: { keys: Object.keys(FewShotSchema.shape), example: 'k' },
  pack: { keys: Object.keys(PackOptionsSchema.shape) },
  tokenizer: {
    keys: [...new Set(TokenizerSpecSchema.options.flatMap((o) => Object.keys(o.shape)))],
  },
};

/**
 * A `--config` JSON file as an object of build options. A UTF-8 BOM (Windows editors add one) is skipped.
 * Unknown keys, top-level or nested, are refused with the closest real key, since an ignored typo
 * (`fewshot`) silently changes the mixture.
 */
export function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // `.yaml` / `.yml` files are YAML; anything else is JSON.
  const yaml = /\.ya?ml$/i.test(path);
  let data: unknown;
  try {
    data = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `--config ${path}: not valid ${yaml ? 'YAML' : 'JSON'} (${(e as Error).message.split('\n')[0]})`,
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError(`--config ${path}: must hold a JSON object of build options, got ${kind(data)}`);
  checkKeys(path, data as Record<string, unknown>);
  return data as Record<string, unknown>;
}

function checkKeys(path: string, data: Record<string, unknown>): void {
  const top = Object.keys(BuildOptionsSchema.shape);
  for (const [key, value] of Object.entries(data)) {
    if (!top.includes(key))
      throw new UsageError(`--config ${path}: unknown option "${key}"${suggest(key, top)}`);
    const nested = NESTED[key];
    if (!nested || value === undefined) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const hint = nested.example
        ? ` (did you mean {"${key}": {"${nested.example}": ${JSON.stringify(value)}}}?)`
        : '';
      throw new UsageError(
        `--config ${path}: "${key}" must be an object with keys ${nested.keys.join(', ')}, got ${JSON.stringify(value)}${hint}`,
      );
    }
    for (const sub of Object.keys(value)) {
      if (!nested.keys.includes(sub))
        throw new UsageError(
          `--config ${path}: unknown option "${key}.${sub}"${suggest(sub, nested.keys, (c) => `"${key}.${c}"`)}`,
        );
    }
    const seps = (value as Record<string, unknown>).separators;
    if (key === 'fewShot' && typeof seps === 'object' && seps !== null && !Array.isArray(seps)) {
      const keys = Object.keys(SeparatorsSchema.shape);
      for (const sub of Object.keys(seps))
        if (!keys.includes(sub))
          throw new UsageError(
            `--config ${path}: unknown option "fewShot.separators.${sub}"${suggest(sub, keys, (c) => `"fewShot.separators.${c}"`)}`,
          );
    }
  }
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

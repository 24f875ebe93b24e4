import type { z } from 'zod';
import { suggest } from './suggest.js';

type Issue = z.core.$ZodIssue;

/** A value as an error message shows it: short, quoted when a string. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * One issue in our words: what was expected and what was found. Messages written for our own schemas
 * (refinements, regexes) are ours already and pass through; zod's generic texts never do.
 */
export function describeIssue(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  const got = 'input' in issue ? `, got ${showValue(input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue && input === undefined
        ? `required (${issue.expected})`
        : `must be ${article(issue.expected)}${got}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at least ${issue.minimum} ${issue.origin === 'string' ? 'character' : 'item'}${issue.minimum === 1 ? '' : 's'}`
        : `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}${got}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `must have at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : 'items'}`
        : `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}${got}`;
    case 'invalid_value':
      return issue.values.length > 2
        ? `must be one of ${issue.values.map((v) => showValue(v)).join(', ')}${got}`
        : `must be ${issue.values.map((v) => showValue(v)).join(' or ')}${got}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `${issue.message}${got}` : `must be a valid ${issue.format}${got}`;
    case 'invalid_union':
      return 'input' in issue && input === undefined ? 'required' : `does not match any accepted form${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}${got}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** `path.to.field` as a JSON path under `root` (`$.datasets[3].tasks[0].id`). */
export function issuePath(issue: Issue, root = ''): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return root ? `${root}${path}` : path.replace(/^\./, '') || '(root)';
}

/**
 * Formats zod issues as `path: reason` on ONE line: the first issue, and how many more there are, so a bad
 * file names its culprit without a wall of text.
 */
export function formatIssues(issues: readonly Issue[], root = ''): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${issuePath(first, root)}: ${describeIssue(first)}${more}`;
}

export class FlanmixError extends Error {
  override name = 'FlanmixError';
}

/**
 * A mistake in the call: an option a function or the CLI refuses (wrong type, out of range, unknown key,
 * contradicting another, naming a file or folder that is not there). The CLI exits with 2 for it, and with 1
 * for failures while working.
 */
export class OptionError extends FlanmixError {
  override name = 'OptionError';
}

/** Validates a caller's options; a mistake is one OptionError line: `<what> <path>: <reason>, got <value>`. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return r.data;
  const first = r.error.issues[0]!;
  if (first.code === 'unrecognized_keys') {
    // `unknown option "sed" (did you mean "seed"?)`: the closest key of the object that refused it.
    const shape = shapeAt(schema, first.path);
    const key = first.keys[0]!;
    const at = first.path.length ? `${issuePath(first)}.` : '';
    throw new OptionError(`unknown ${what} "${at}${key}"${shape ? suggest(key, Object.keys(shape)) : ''}`);
  }
  throw new OptionError(`${what} ${formatIssues(r.error.issues)}`);
}

/** The keys of the object schema at `path` inside `schema` (through defaults and optionals), if any. */
function shapeAt(schema: z.ZodType, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let s: unknown = schema;
  for (let i = 0; i <= path.length; i++) {
    // Unwrap default/optional/nullable wrappers to reach an object's shape.
    while (s && typeof s === 'object' && !('shape' in s) && 'unwrap' in s)
      s = (s as { unwrap(): unknown }).unwrap();
    const shape =
      s && typeof s === 'object' && 'shape' in s
        ? (s as { shape: Record<string, unknown> }).shape
        : undefined;
    if (i === path.length) return shape;
    s = shape?.[String(path[i])];
  }
  return undefined;
}

export class RegistryError extends FlanmixError {
  override name = 'RegistryError';
}

/**
 * The caller named something that does not exist (a dataset, task, cluster or template): a mistake in the
 * call, which the CLI reports with exit code 2.
 */
export class UnknownNameError extends RegistryError {
  override name = 'UnknownNameError';
}

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeIssue, formatIssues } from '../registry/errors.js';
import { suggest } from '../registry/suggest.js';
import { type Command, UsageError } from './command.js';

/** A value that starts with a dash but is a number (`--cap -5`): a value, to be refused by range, not a flag. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * Parses a command's flags. node's parser runs without its strict mode, whose messages span three lines and
 * which reads `--cap -5` as a missing value; every mistake is checked here instead and said in one line.
 */
export function parseCommandArgs(
  cmd: Command,
  argv: string[],
): { values: Record<string, unknown>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, f] of Object.entries(cmd.flags)) {
    options[name] = {
      type: f.type,
      ...(f.short ? { short: f.short } : {}),
      ...(f.multiple ? { multiple: true } : {}),
    };
  }
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const flag = cmd.flags[t.name];
    const shown = flagName(t.rawName, t.name, flag !== undefined || t.name === 'help');
    if (!flag && t.name !== 'help') {
      const hint = suggest(t.name, Object.keys(cmd.flags), (c) => `--${c}`);
      throw new UsageError(`unknown flag ${t.rawName}${hint} (flanmix ${cmd.name} --help lists them)`);
    }
    const type = flag?.type ?? 'boolean';
    if (type === 'boolean' && t.value !== undefined)
      throw new UsageError(`${shown} takes no value, got ${JSON.stringify(t.value)}`);
    if (type === 'string') {
      const arg = flag?.arg ?? 'VALUE';
      if (t.value === undefined) throw new UsageError(`${shown} needs a value (${shown} ${arg})`);
      // `--out --force`: the next flag was taken as the value. Write `--x=-y` for a value that starts with a dash.
      if (!t.inlineValue && t.value.startsWith('-') && !NEGATIVE_NUMBER.test(t.value))
        throw new UsageError(`${shown} needs a value (${shown} ${arg}), got the flag ${t.value}`);
    }
  }
  return { values, positionals };
}

/** `--out`, or `-o (--out)` for a short flag, so a message names what was typed and what it means. */
function flagName(raw: string, name: string, known: boolean): string {
  return raw.startsWith('--') || !known ? raw : `--${name}`;
}

/**
 * Validates parsed flags with a command's zod schema; the first issue becomes one usage line in our words,
 * naming the flag and the value: `--limit must be at least 1, got 0`.
 */
export function validateFlags<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const r = schema.safeParse(values, { reportInput: true });
  if (!r.success) throw new UsageError(flagIssue(r.error.issues[0]!));
  return r.data;
}

/** One zod issue of a flag, as `--flag must be …, got …` (with "did you mean" for a near miss of a choice). */
export function flagIssue(issue: z.core.$ZodIssue, flag?: string): string {
  const name = flag ?? (issue.path.length ? `--${String(issue.path[0])}` : 'options');
  const input = (issue as { input?: unknown }).input;
  if ('input' in issue && input === undefined && issue.code === 'invalid_type') return `${name} is required`;
  const hint =
    issue.code === 'invalid_value' && typeof input === 'string'
      ? suggest(
          input,
          issue.values.map((v) => String(v)),
        )
      : '';
  return `${name} ${describeIssue(issue)}${hint}`;
}

/** A whole-number flag: its text is read as an integer, and `min`/`max` are checked on the number. */
export function intFlag(min: number, max?: number) {
  const n = z.number().int().min(min);
  return z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(max === undefined ? n : n.max(max));
}

export { formatIssues };

/** Splits `a,b c` style lists given once or several times. */
export function splitList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

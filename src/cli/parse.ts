import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { formatIssues } from '../registry/errors.js';
import { type Command, UsageError } from './command.js';

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
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (e) {
    // node's messages are long and mention parseArgs internals; keep the first sentence.
    throw new UsageError((e as Error).message.split('. ')[0]!.replace(/\.$/, ''));
  }
}

/** Validates parsed flags with a command's zod schema; the first issue becomes a one-line usage error. */
export function validateFlags<S extends z.ZodType>(schema: S, values: unknown): z.infer<S> {
  const r = schema.safeParse(values);
  if (!r.success) {
    const first = r.error.issues[0]!;
    const flag = first.path.length ? `--${String(first.path[0])}` : 'options';
    throw new UsageError(`${flag}: ${first.message}`);
  }
  return r.data;
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

import { OptionError } from '../registry/errors.js';

export interface Flag {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  /** Shown in --help; the zod schema of the command applies it. */
  default?: string | boolean;
  multiple?: boolean;
  /** Placeholder in --help, e.g. `C[,C…]`. */
  arg?: string;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars draw only then). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: Record<string, Flag>;
  /** Whether the command takes arguments besides flags (`render rte`); others refuse stray words. */
  positionals?: boolean;
  /** Extra help text (examples). */
  details?: string;
  run(values: Record<string, unknown>, positionals: string[], io: Io): Promise<number | undefined>;
}

/** A mistake in how flanmix was called: reported on one line, exit code 2. */
export class UsageError extends OptionError {
  override name = 'UsageError';
}

export function helpText(cmd: Command): string {
  const rows = Object.entries(cmd.flags).map(([name, f]) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${name}${f.type === 'string' ? ` ${f.arg ?? 'VALUE'}` : ''}`;
    const def = f.default === undefined || f.default === false ? '' : ` (default: ${String(f.default)})`;
    return `  ${left.padEnd(34)} ${f.description}${def}`;
  });
  rows.push(`  ${'-h, --help'.padEnd(34)} show this help`);
  return [
    `flanmix ${cmd.name}: ${cmd.summary}`,
    '',
    `Usage: flanmix ${cmd.usage}`,
    '',
    'Options:',
    ...rows,
    ...(cmd.details ? ['', cmd.details.trimEnd()] : []),
    '',
  ].join('\n');
}

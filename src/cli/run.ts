import { FlanmixError, OptionError, UnknownNameError } from '../registry/errors.js';
import { suggest } from '../registry/suggest.js';
import { VERSION } from '../version.js';
import { type Command, helpText, type Io, UsageError } from './command.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { exploreCommand } from './commands/explore.js';
import { fetchCommand } from './commands/fetch.js';
import { listCommand } from './commands/list.js';
import { ratesCommand } from './commands/rates.js';
import { renderCommand } from './commands/render.js';
import { reportCommand } from './commands/report.js';
import { scoreCommand } from './commands/score.js';
import { splitsCommand } from './commands/splits.js';
import { parseCommandArgs } from './parse.js';

export const COMMANDS: Command[] = [
  listCommand,
  splitsCommand,
  renderCommand,
  ratesCommand,
  buildCommand,
  fetchCommand,
  checkCommand,
  scoreCommand,
  exploreCommand,
  reportCommand,
];

function overview(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return [
    'flanmix: FLAN-style instruction-tuning mixtures from public NLP datasets',
    '',
    'Usage: flanmix <command> [options]   (flanmix <command> --help for its options)',
    '',
    'Commands:',
    ...rows,
    '',
  ].join('\n');
}

/** A word that is no flag's value, e.g. `build rte` for `build --datasets rte`, or a flag's value split off. */
function strayArgument(cmd: Command, word: string): UsageError {
  const names = Object.keys(cmd.flags);
  const hint = word.startsWith('-')
    ? ''
    : ` (flanmix ${cmd.name} takes only flags${names.includes('datasets') ? `; for a dataset use --datasets ${word}` : ''})`;
  return new UsageError(`unexpected argument "${word}"${hint}`);
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 bad usage). Errors print as one line. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const names = COMMANDS.map((c) => c.name);
    io.stderr(`flanmix: unknown command "${name}"${suggest(name, names)} (commands: ${names.join(', ')})\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommandArgs(cmd, rest);
    if (values.help) {
      io.stdout(helpText(cmd));
      return 0;
    }
    if (positionals.length > 0 && !cmd.positionals) throw strayArgument(cmd, positionals[0]!);
    return (await cmd.run(values, positionals, io)) ?? 0;
  } catch (e) {
    // A mistake in the call (a flag, a value, a name, a file the call names): exit 2, whatever layer saw it.
    if (e instanceof OptionError || e instanceof UnknownNameError) {
      io.stderr(`flanmix ${cmd.name}: ${e.message}\n`);
      return 2;
    }
    // Known failures print their message; anything else is a bug, so its stack helps (FLANMIX_DEBUG=1).
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`flanmix ${cmd.name}: ${message}\n`);
    if (!(e instanceof FlanmixError) && io.env.FLANMIX_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 1;
  }
}

import { exitOnInterrupt } from '../interrupts.js';
import { runCli } from './run.js';

// Ctrl-C or SIGTERM: release the output lock and drop half-written files before exiting (130 / 143).
exitOnInterrupt((line) => process.stderr.write(line));

// `flanmix render … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;

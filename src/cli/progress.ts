import { type Progress, silentProgress } from '../mixture/progress.js';
import type { Io } from './command.js';
import { ProgressBar } from './progress-bar.js';

/** A progress bar on stderr when it is a terminal; otherwise only the log lines (`note`), one per line. */
export function makeProgress(io: Io): Progress {
  return io.isTTY
    ? new ProgressBar(io.stderr)
    : { ...silentProgress, note: (line) => io.stderr(`${line}\n`) };
}

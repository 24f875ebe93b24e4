import { type Progress, silentProgress } from '../mixture/progress.js';
import type { Io } from './command.js';
import { ProgressBar } from './progress-bar.js';

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs and pipes stay clean). */
export function makeProgress(io: Io): Progress {
  return io.isTTY ? new ProgressBar(io.stderr) : silentProgress;
}

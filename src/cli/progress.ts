import { type Progress, silentProgress } from '../mixture/progress.js';
import type { Flag, Io } from './command.js';
import { ProgressBar } from './progress-bar.js';
import { ProgressLines } from './progress-lines.js';

/** `--quiet`, for the commands that report progress (build, rates, fetch). */
export const PROGRESS_FLAGS: Record<string, Flag> = {
  quiet: { type: 'boolean', description: 'no progress on stderr (errors and the summary still print)' },
};

/**
 * A progress bar on stderr when it is a terminal; otherwise a plain line per stage and every few seconds
 * (FLANMIX_PROGRESS_INTERVAL_MS, default 10 s); nothing with `--quiet`.
 */
export function makeProgress(io: Io, values: Record<string, unknown> = {}): Progress {
  if (values.quiet) return silentProgress;
  if (io.isTTY) return new ProgressBar(io.stderr);
  const env = io.env.FLANMIX_PROGRESS_INTERVAL_MS;
  const ms = env === undefined || env.trim() === '' ? Number.NaN : Number(env);
  return new ProgressLines(io.stderr, Number.isFinite(ms) && ms >= 0 ? { intervalMs: ms } : {});
}

/**
 * Progress reporting, as the core sees it: no terminal code here. The CLI supplies a bar on stderr when it
 * is a TTY; libraries and tests pass nothing (or their own sink).
 */
export interface Progress {
  /** Starts a phase; `total` when known (bytes for downloads, examples for builds). */
  start(label: string, total?: number, unit?: 'bytes' | 'rows' | 'examples' | 'tokens'): void;
  advance(n: number): void;
  /** Ends the phase (clears the bar). */
  done(): void;
  /** A line for the log (bytes fetched per task, say), printed above the bar. */
  note?(line: string): void;
}

export const silentProgress: Progress = { start() {}, advance() {}, done() {} };

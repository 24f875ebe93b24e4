import type { Progress } from '../mixture/progress.js';
import { formatBytes } from './progress-bar.js';

type Unit = 'bytes' | 'rows' | 'examples' | 'tokens';

/** Seconds between plain progress lines unless FLANMIX_PROGRESS_INTERVAL_MS says otherwise. */
export const PROGRESS_INTERVAL_MS = 10_000;

export interface ProgressLinesOptions {
  /** Time between lines within a stage (default PROGRESS_INTERVAL_MS). */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Whether a timer also prints when nothing advances (default true; tests with a fake clock turn it off). */
  timer?: boolean;
}

/**
 * Progress for a stderr that is not a terminal (a pipe, a log file, nohup, CI): a plain line when a stage
 * starts, then one every `intervalMs` with the amount done, the total and the rate, e.g.
 * `flanmix: mixing 120,000/1,412,891 examples (41,300/s)`. No carriage returns or escape codes, so a log
 * stays readable, and a long Hub build shows signs of life. A timer prints even while nothing advances (a
 * slow download), so a stalled stage is visible as such; it never keeps the process alive.
 */
export class ProgressLines implements Progress {
  private label = '';
  private total: number | undefined;
  private unit: Unit = 'rows';
  private value = 0;
  private started = 0;
  private last = 0;
  private active = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly timer: boolean;

  constructor(
    private readonly write: (text: string) => void,
    options: ProgressLinesOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
    this.now = options.now ?? (() => performance.now());
    this.timer = options.timer ?? true;
  }

  start(label: string, total?: number, unit: Unit = 'rows'): void {
    this.stop();
    this.label = label;
    this.total = total !== undefined && total > 0 ? total : undefined;
    this.unit = unit;
    this.value = 0;
    this.started = this.last = this.now();
    this.active = true;
    this.write(`flanmix: ${label}${this.total === undefined ? '' : ` (${this.amount(this.total)})`}\n`);
    if (this.timer && this.intervalMs > 0) {
      this.ticker = setInterval(() => this.tick(), this.intervalMs);
      this.ticker.unref?.();
    }
  }

  advance(n: number): void {
    if (!this.active) return;
    this.value += n;
    this.tick();
  }

  done(): void {
    this.stop();
  }

  note(line: string): void {
    this.write(`${line}\n`);
  }

  /** The line as it would be printed now, for tests. */
  line(t = this.now()): string {
    const seconds = Math.max((t - this.started) / 1000, 1e-9);
    const rate = this.value / seconds;
    const done =
      this.total === undefined
        ? this.amount(this.value)
        : this.unit === 'bytes'
          ? `${formatBytes(this.value)}/${formatBytes(this.total)}`
          : `${count(this.value)}/${count(this.total)} ${this.unit}`;
    const speed = this.unit === 'bytes' ? `${formatBytes(rate)}/s` : `${count(rate)}/s`;
    return `flanmix: ${this.label} ${done} (${speed})`;
  }

  private tick(): void {
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    this.write(`${this.line(t)}\n`);
  }

  private amount(n: number): string {
    return this.unit === 'bytes' ? formatBytes(n) : `${count(n)} ${this.unit}`;
  }

  private stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.active = false;
  }
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

import type { Progress } from '../mixture/progress.js';

type Unit = 'bytes' | 'rows' | 'examples' | 'tokens';

export interface ProgressBarOptions {
  /** Terminal width (default: process.stderr.columns, else 80). */
  columns?: number;
  /** Minimum time between redraws (default 100 ms). */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** `12.3 MB`, binary steps written the way people read them. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = n;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${i === 0 ? x.toFixed(0) : x.toFixed(1)} ${units[i]}`;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(r).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * A one-line progress bar: label, bar and percentage when the total is known, amount done (bytes or counts),
 * rate, and ETA. Redraws in place with `\r`, at most every `intervalMs`, and clears its line when a phase is
 * done. It writes only through the function it is given; the CLI gives it stderr, and only when stderr is a
 * terminal (src/cli/progress.ts), so pipes and logs never see it.
 */
export class ProgressBar implements Progress {
  private label = '';
  private total: number | undefined;
  private unit: Unit = 'rows';
  private value = 0;
  private started = 0;
  private lastDraw = 0;
  private active = false;
  private readonly columns: number;
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly write: (text: string) => void,
    options: ProgressBarOptions = {},
  ) {
    this.columns = Math.max(40, options.columns ?? (process.stderr.columns || 80));
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
  }

  start(label: string, total?: number, unit: Unit = 'rows'): void {
    if (this.active) this.clear();
    this.label = label;
    this.total = total !== undefined && total > 0 ? total : undefined;
    this.unit = unit;
    this.value = 0;
    this.started = this.now();
    this.lastDraw = 0;
    this.active = true;
    this.draw();
  }

  advance(n: number): void {
    if (!this.active) return;
    this.value += n;
    const t = this.now();
    if (t - this.lastDraw >= this.intervalMs) this.draw(t);
  }

  done(): void {
    if (!this.active) return;
    this.clear();
    this.active = false;
  }

  note(line: string): void {
    if (this.active) this.clear();
    this.write(`${line}\n`);
    if (this.active) this.draw();
  }

  /** The line as it would be drawn now (without the carriage return), for tests. */
  line(t = this.now()): string {
    const elapsed = Math.max((t - this.started) / 1000, 1e-9);
    const rate = this.value / elapsed;
    const amount = (x: number) => (this.unit === 'bytes' ? formatBytes(x) : formatCount(x));
    const parts: string[] = [];
    if (this.total !== undefined) {
      const frac = Math.min(1, this.value / this.total);
      parts.push(`${(frac * 100).toFixed(0).padStart(3)}%`);
      parts.push(
        `${amount(this.value)} / ${amount(this.total)}${this.unit === 'bytes' ? '' : ` ${this.unit}`}`,
      );
    } else {
      parts.push(`${amount(this.value)}${this.unit === 'bytes' ? '' : ` ${this.unit}`}`);
    }
    if (t - this.started >= 250)
      parts.push(this.unit === 'bytes' ? `${formatBytes(rate)}/s` : `${formatCount(rate)} ${this.unit}/s`);
    if (this.total !== undefined && rate > 0 && t - this.started >= 1000)
      parts.push(`ETA ${formatDuration((this.total - this.value) / rate)}`);
    const right = parts.join('  ');
    // The label matters more than the bar: the bar takes what room is left (10 to 30 cells), else it goes.
    const width = this.columns - 1;
    let bar = '';
    const room = width - this.label.length - right.length - 2 - 3;
    if (this.total !== undefined && room >= 10) {
      const cells = Math.min(30, room);
      const filled = Math.round(cells * Math.min(1, this.value / this.total));
      bar = ` [${'#'.repeat(filled)}${'.'.repeat(cells - filled)}]`;
    }
    const labelRoom = Math.max(8, width - right.length - bar.length - 2);
    const label = this.label.length > labelRoom ? `…${this.label.slice(-(labelRoom - 1))}` : this.label;
    return `${label}${bar}  ${right}`.slice(0, width);
  }

  private draw(t = this.now()): void {
    this.lastDraw = t;
    this.write(`\r${this.line(t)}\x1b[K`);
  }

  private clear(): void {
    this.write('\r\x1b[K');
  }
}

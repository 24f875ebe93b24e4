/** A transfer that made too little progress for too long: counts as a network failure (retried). */
export class StallError extends Error {
  override name = 'StallError';
}

/**
 * Fewer bytes than this in one idle window count as a stall. A body trickled at a few bytes a second never
 * goes quiet for a whole window, so "no byte at all for N s" alone would wait on it forever.
 */
export const MIN_BYTES_PER_WINDOW = 1024;

/**
 * Watches one HTTP transfer: every `idleMs` it checks that at least MIN_BYTES_PER_WINDOW arrived since the
 * last check (the first window includes waiting for the headers), and aborts `controller` with a StallError
 * naming `what` otherwise. `stop()` when the transfer ends, however it ends.
 */
export class IdleWatch {
  private received = 0;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly controller: AbortController,
    private readonly idleMs: number,
    private readonly what: string,
  ) {
    this.timer = setTimeout(this.check, idleMs);
  }

  private readonly check = () => {
    if (this.received < MIN_BYTES_PER_WINDOW) {
      const got = this.received === 0 ? 'no data' : `only ${this.received} bytes`;
      this.controller.abort(
        new StallError(
          `${this.what}: stalled (${got} in ${seconds(this.idleMs)}; HF_HUB_DOWNLOAD_TIMEOUT sets the wait)`,
        ),
      );
      return;
    }
    this.received = 0;
    this.timer = setTimeout(this.check, this.idleMs);
  };

  bytes(n: number): void {
    this.received += n;
  }

  /** The StallError if the watch aborted the transfer. */
  get stall(): StallError | undefined {
    const reason = this.controller.signal.aborted ? this.controller.signal.reason : undefined;
    return reason instanceof StallError ? reason : undefined;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

// Clean-ups that must run when the process is interrupted (Ctrl-C, SIGTERM from a scheduler), not only
// when a build fails: release the output lock, drop the staging folder, remove spill files. The library
// only registers them; the CLI decides to exit on a signal (a library must not take over a host's signals).

type Cleanup = () => Promise<void> | void;

const pending = new Set<Cleanup>();

/** Registers a clean-up for an interrupt; the returned function unregisters it (call it in `finally`). */
export function onInterrupt(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  return () => pending.delete(cleanup);
}

/** Runs every registered clean-up once (each at most `timeoutMs`), newest first. */
export async function runInterruptCleanups(timeoutMs = 5000): Promise<void> {
  const all = [...pending].reverse();
  pending.clear();
  for (const cleanup of all) {
    await Promise.race([
      Promise.resolve()
        .then(cleanup)
        .catch(() => {}),
      new Promise((r) => setTimeout(r, timeoutMs).unref()),
    ]);
  }
}

/**
 * Makes SIGINT and SIGTERM run the clean-ups, then exit with the conventional code (130, 143). A second
 * signal while cleaning up exits at once.
 */
export function exitOnInterrupt(write: (line: string) => void = () => {}): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (stopping) process.exit(code);
    stopping = true;
    write(`flanmix: ${signal}, cleaning up\n`);
    void runInterruptCleanups().finally(() => process.exit(code));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

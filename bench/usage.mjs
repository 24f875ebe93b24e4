// Preloaded into a bench child process (node --import): on exit, writes the process's own resource usage
// (CPU of all its threads, peak RSS) as JSON to $FLANMIX_BENCH_USAGE.
import { writeFileSync } from 'node:fs';

const started = performance.now();
process.on('exit', () => {
  const u = process.resourceUsage();
  const file = process.env.FLANMIX_BENCH_USAGE;
  if (!file) return;
  writeFileSync(
    file,
    JSON.stringify({
      wall: (performance.now() - started) / 1000,
      user: u.userCPUTime / 1e6,
      system: u.systemCPUTime / 1e6,
      maxRssMiB: u.maxRSS / 1024,
    }),
  );
});

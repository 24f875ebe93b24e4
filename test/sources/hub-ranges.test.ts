// Range reads of a large split against the loopback Hub: footer and the sampled row groups only, cached in
// blocks so a rebuild (even offline) reads nothing again, the same slice as the whole-file path, and a server
// without range support still works.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSource, type TrainingSlice } from '../../src/sources/index.js';
import { commitId, manyRteRows, rte, rteParquet, tempDir } from './fixtures.js';
import { FakeHub } from './hub-server.js';

const MAIN = commitId('super_glue main');
const TRAIN = 'rte/train-00000-of-00001.parquet';
// 600,000 rows in 600 row groups: past the row-group sampling threshold (500,000 rows).
const big = rteParquet(manyRteRows(600_000), { rowGroupSize: 1000 });

let hub: FakeHub;
const dirs: Array<{ remove: () => void }> = [];

beforeAll(async () => {
  hub = new FakeHub();
  hub.addRepo('aps/super_glue', { refs: { main: MAIN }, commits: { [MAIN]: { [TRAIN]: big } } });
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
  for (const d of dirs) d.remove();
});
beforeEach(() => {
  hub.requests.length = 0;
  hub.noRanges = false;
});

interface Read {
  train: { size: number };
  counts: TrainingSlice['counts'];
  origin: TrainingSlice['origin'];
  examples: unknown[];
}

/** A training slice read through a fresh source, its examples taken before the source closes. */
async function slice(cacheDir: string, extra: Record<string, unknown> = {}): Promise<Read> {
  const s = openSource(
    { kind: 'hub', endpoint: hub.url, cacheDir, retries: 1, retryDelayMs: 5, rangeMinBytes: 0, ...extra },
    {},
  );
  try {
    const t = await s.trainingSlice(rte, { seed: 5, cap: 1000, validationSize: 100 });
    const examples = Array.from({ length: t.train.size }, (_, i) => t.train.get(i));
    return { train: t.train, counts: t.counts, origin: t.origin, examples };
  } finally {
    await s.close();
  }
}

function cache(): string {
  const d = tempDir('hub-ranges');
  dirs.push(d);
  return d.path;
}

/** Bytes the CDN sent for range requests (each request's range length). */
function cdnBytes(): number {
  return hub.requests
    .filter((r) => r.url.startsWith('/cdn/') && r.range && r.range !== 'bytes=0-0')
    .reduce((n, r) => {
      const [a, b] = r.range!.slice(6).split('-').map(Number);
      return n + (b! - a! + 1);
    }, 0);
}

const examples = (s: Read) => s.examples;

describe('range reads of a large split', () => {
  it('reads the footer and the sampled row groups only, and gives the same slice as the whole-file path', async () => {
    const dir = cache();
    const ranged = await slice(dir);
    expect(ranged.train.size).toBe(1000);
    expect(ranged.counts.rows).toBe(600_000);
    // Measured: 638,427 of 10,534,363 bytes (6.1%), most of it the footer of 600 row groups.
    const fetched = cdnBytes();
    expect(fetched).toBeGreaterThan(0);
    // This 10 MB file has 600 small row groups, so its footer is a large share; real splits have far larger row groups.
    expect(fetched).toBeLessThanOrEqual(0.08 * big.length);
    expect(ranged.origin.bytes).toEqual({ read: fetched, total: big.length });
    expect(ranged.counts.rowGroups!.read).toBeLessThan(20);

    // The whole-file path (split under rangeMinBytes): same rows, same bytes touched.
    hub.requests.length = 0;
    const whole = await slice(cache(), { rangeMinBytes: 1e12 });
    expect(hub.requests.some((r) => r.url.startsWith('/cdn/') && r.range === undefined)).toBe(true);
    expect(examples(whole)).toEqual(examples(ranged));
    expect(whole.origin.bytes).toEqual(ranged.origin.bytes);

    // A rebuild reads nothing again, online or offline.
    hub.requests.length = 0;
    expect(examples(await slice(dir))).toEqual(examples(ranged));
    expect(cdnBytes()).toBe(0);
    expect(examples(await slice(dir, { offline: true }))).toEqual(examples(ranged));
  });

  it('a server without range support still works (the whole-file path)', async () => {
    hub.noRanges = true;
    const s = await slice(cache());
    expect(s.train.size).toBe(1000);
    hub.noRanges = false;
    expect(examples(s)).toEqual(examples(await slice(cache())));
  });
});

// Every task of the Hub replica read by range requests (rangeMinBytes 0), then again from a CDN that ignores
// Range: the whole-file path gives the same training slices and evaluation splits, task by task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../src/registry/index.js';
import { openSource } from '../../src/sources/index.js';
import { registry, tempDir } from './fixtures.js';
import { addReplica, type Replica } from './hub-replica.js';
import { FakeHub } from './hub-server.js';

let hub: FakeHub;
let replica: Replica;
const dirs: Array<{ remove: () => void }> = [];

beforeAll(async () => {
  hub = new FakeHub();
  hub.separateCdn = true;
  replica = addReplica(hub);
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
  for (const d of dirs) d.remove();
});

const pool = (p: { size: number; get(i: number): unknown }) =>
  Array.from({ length: p.size }, (_, i) => JSON.stringify(p.get(i)));

/** Every replica task's training slice and evaluation split, read through a fresh cache. */
async function readAll(): Promise<Map<string, unknown>> {
  const cache = tempDir('hub-replica-ranges');
  dirs.push(cache);
  const source = openSource(
    { kind: 'hub', endpoint: hub.url, cacheDir: cache.path, retries: 1, retryDelayMs: 5, rangeMinBytes: 0 },
    {},
  );
  const out = new Map<string, unknown>();
  try {
    for (const key of replica.tasks.keys()) {
      const [datasetId, taskId] = key.split('/') as [string, string];
      const ref = getTask(registry, datasetId, taskId);
      const train =
        ref.task.splits.train === null ? undefined : await source.trainingSlice(ref, { seed: 3, cap: 30000 });
      const test = await source.evalSplit(ref, {});
      out.set(key, {
        train: train && [pool(train.train), pool(train.validation), train.origin.commit],
        test: [pool(test.pool), test.origin.commit, test.origin.source],
      });
    }
  } finally {
    await source.close();
  }
  return out;
}

const cdn = () => hub.requests.filter((r) => r.host === 'cdn');

describe('the Hub replica by range requests and without them', () => {
  it('reads every task by ranges, and a CDN that ignores Range gives the same rows by whole files', async () => {
    hub.requests.length = 0;
    const ranged = await readAll();
    // Reads beyond the 1-byte resolve probe are range requests answered 206; no whole-file download.
    expect(cdn().filter((r) => r.range && r.range !== 'bytes=0-0').length).toBeGreaterThan(
      replica.tasks.size,
    );
    expect(cdn().filter((r) => !r.range)).toEqual([]);

    hub.requests.length = 0;
    hub.noRanges = true;
    try {
      const whole = await readAll();
      // Whole files were downloaded (no Range header), one per split file at least.
      expect(cdn().filter((r) => !r.range).length).toBeGreaterThanOrEqual(replica.tasks.size);
      expect([...whole.keys()]).toEqual([...ranged.keys()]);
      for (const key of ranged.keys()) expect(whole.get(key), key).toEqual(ranged.get(key));
    } finally {
      hub.noRanges = false;
    }
  }, 60_000);
});

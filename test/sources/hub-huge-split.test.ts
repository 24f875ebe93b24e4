// A 30,000-row slice (FLAN's cap) of a ≥ 2 GiB split reads a few row groups, not the split. The split is
// wmt14 fr-en's train layout on the Hub (8 parquet shards in fr-en/), generated on the fly by the loopback
// CDN (virtual-parquet.ts): one real row group of 10,000 rows, repeated, each copy labelled in its text so
// every sampled row names the row group it was read from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/adapters/types.js';
import { getTask } from '../../src/registry/index.js';
import { openSource } from '../../src/sources/index.js';
import { readSampleRows } from '../../src/sources/samples.js';
import { commitId, registry, tempDir } from './fixtures.js';
import { FakeHub } from './hub-server.js';
import { typedParquet } from './typed-parquet.js';
import { COPY_MARKER, type VirtualParquet, virtualParquet } from './virtual-parquet.js';

const wmt = getTask(registry, 'wmt14_enfr');
const MAIN = commitId('wmt14 main');
const SHARDS = 8;
const GROUP_ROWS = 10_000;
const GIB2 = 2 ** 31;

/** Template row r: a sample sentence pair, tagged `[r{r} copy#000000#]` on both sides. */
const samples = readSampleRows('wmt14_enfr', 'wmt14_enfr');
function templateRow(r: number): { fr: string; en: string } {
  const t = samples[r % samples.length]!.translation as { fr: string; en: string };
  const tag = ` [r${r} ${COPY_MARKER}]`;
  return { fr: t.fr + tag, en: t.en + tag };
}

const template = typedParquet(
  Array.from({ length: GROUP_ROWS }, (_, r): Row => ({ translation: templateRow(r) })),
  wmt.task.columns,
  { codec: 'UNCOMPRESSED', plain: true, statistics: false, offsetIndex: false },
);
const groupBytes = template.length; // about the row group's size
const copies = Math.ceil(GIB2 / SHARDS / groupBytes);
const shards: VirtualParquet[] = Array.from({ length: SHARDS }, (_, k) =>
  virtualParquet(template, copies, k * copies, (k + 1).toString(16).padStart(64, 'e')),
);
const path = (k: number) =>
  `fr-en/train-${String(k).padStart(5, '0')}-of-${String(SHARDS).padStart(5, '0')}.parquet`;
const total = shards.reduce((n, s) => n + s.size, 0);

let hub: FakeHub;
const dirs: Array<{ remove: () => void }> = [];

beforeAll(async () => {
  hub = new FakeHub();
  hub.separateCdn = true;
  const files = Object.fromEntries(shards.map((s, k) => [path(k), s]));
  hub.addRepo('wmt/wmt14', { refs: { main: MAIN }, commits: { [MAIN]: files } });
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
  for (const d of dirs) d.remove();
});

/** The CDN's byte ranges served this far, per file (by its LFS id), as [start, end) pairs. */
function served(): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const r of hub.requests) {
    if (r.host !== 'cdn' || !r.range) continue;
    const [a, b] = r.range.slice('bytes='.length).split('-').map(Number) as [number, number];
    const oid = r.url.split('/')[2]!;
    out.set(oid, [...(out.get(oid) ?? []), [a, b + 1]]);
  }
  return out;
}
const bytesOf = (m: Map<string, Array<[number, number]>>) =>
  [...m.values()].flat().reduce((n, [a, b]) => n + b - a, 0);

async function slice(cacheDir: string) {
  const source = openSource({ kind: 'hub', endpoint: hub.url, cacheDir, retries: 1, retryDelayMs: 5 }, {});
  try {
    const t = await source.trainingSlice(wmt, { seed: 11, cap: 30_000 });
    const rows = [t.train, t.validation].flatMap((pool) =>
      Array.from({ length: pool.size }, (_, i) => JSON.stringify(pool.get(i))),
    );
    return { rows, counts: t.counts, origin: t.origin };
  } finally {
    await source.close();
  }
}

describe('a capped slice of a huge split', () => {
  it('reads at most 5% of a 2 GiB split, from the row groups it samples, the same rows on a rerun', async () => {
    expect(total).toBeGreaterThanOrEqual(GIB2);
    const cache = tempDir('hub-huge');
    dirs.push(cache);
    hub.requests.length = 0;
    const first = await slice(cache.path);

    expect(first.counts.rows).toBe(SHARDS * copies * GROUP_ROWS);
    // FLAN takes the validation tail on top of the 30,000 training rows.
    expect(first.rows.length).toBe(30_000 + wmt.task.validationSize);
    const ranges = served();
    const fetched = bytesOf(ranges);
    // Measured: 23,034,040 of 2,159,966,384 bytes (1.07%): 10 row groups of ~1.8 MiB (≥ 3 × 30,000 rows to
    // sample from) and the 8 shards' footers (hyparquet reads the last 512 KiB of each file first).
    expect(fetched).toBeLessThanOrEqual(0.05 * total);
    expect(first.origin.bytes!.total).toBe(total);
    expect(first.origin.bytes!.read).toBeLessThanOrEqual(0.05 * total);
    const groupsRead = first.counts.rowGroups!.read;
    expect(groupsRead * GROUP_ROWS).toBeGreaterThanOrEqual(3 * 30_000);
    expect(groupsRead).toBeLessThan(20);

    // Each row names its copy (row group) and its row in the template: the text is that template row's, the
    // copy's bytes were fetched whole, and no row comes twice.
    const groups = new Set<number>();
    const seen = new Set<string>();
    for (const row of first.rows) {
      const tags = [...row.matchAll(/ \[r(\d+) copy#(\d+)#\]/g)].map((m) => `${m[1]}/${m[2]}`);
      expect(tags.length, row).toBeGreaterThanOrEqual(2);
      expect(new Set(tags).size, row).toBe(1); // both sides of the pair: one row
      const [r, copy] = tags[0]!.split('/').map(Number) as [number, number];
      const t = templateRow(r);
      expect(row).toContain(
        JSON.stringify(t.fr.replace(COPY_MARKER, `copy#${String(copy).padStart(6, '0')}#`)).slice(1, -1),
      );
      expect(seen.has(tags[0]!)).toBe(false);
      seen.add(tags[0]!);
      groups.add(copy);
    }
    expect(groups.size).toBeLessThanOrEqual(groupsRead);
    for (const copy of groups) {
      const shard = shards[Math.floor(copy / copies)]!;
      const [a, b] = shard.groupSpan(copy % copies);
      const covered = (ranges.get(shard.sha256) ?? []).filter(([s, e]) => e > a && s < b);
      expect(
        covered.reduce((n, [s, e]) => n + Math.min(e, b) - Math.max(s, a), 0),
        `copy ${copy}`,
      ).toBe(b - a);
    }
    console.log(
      `huge split: fetched ${fetched} of ${total} bytes (${((100 * fetched) / total).toFixed(2)}%), ${groupsRead} row groups, ${groups.size} sampled from`,
    );

    // A rerun gives the same rows, from the cache alone.
    hub.requests.length = 0;
    const again = await slice(cache.path);
    expect(again.rows).toEqual(first.rows);
    expect(bytesOf(served())).toBe(0);
  }, 120_000);
});

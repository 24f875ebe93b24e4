// Tokenize + pack + TFRecord throughput on the full-size synthetic mixture (bench/synthetic.ts: every
// task's sample rows varied into 30,000-row pools, adapted, templated and mixed by the real mixer).
// One run prints: mixing alone, tokenizer alone (mixing + tokenizing), the whole build (mixing +
// tokenizing + best-fit packing + TFRecord writing), their ratio, peak RSS, and the input/target fill of
// best-fit and of greedy (seqio next-fit) on the same stream.
// Run: npm run bench:pack -- [--pool 30000] [--total N] [--native auto|off|require] [--workers N]
//      [--layout enc-dec|decoder-only] [--window 8192]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MixtureRecord } from '../src/mixture/record.js';
import type { PackOptionsInput } from '../src/pack/options.js';
import type { TokenizedExample } from '../src/tokenize/types.js';

const { BuildOptionsSchema, loadMembers, mixOptionsOf, selectTasks } = await import(
  '../src/pipeline/index.js'
);
const { mixRecords } = await import('../src/mixture/mix.js');
const { silentProgress } = await import('../src/mixture/progress.js');
const { featureSpecs, PackOptionsSchema } = await import('../src/pack/options.js');
const { packExamples } = await import('../src/pack/pack.js');
const { loadRegistry } = await import('../src/registry/load.js');
const { builtinCatalog } = await import('../src/catalog/catalog.js');
const { loadTokenizer } = await import('../src/tokenize/load-node.js');
const { tokenizeRecords } = await import('../src/tokenize/records.js');
const { RowStats } = await import('../src/write/stats.js');
const { writePackedOutput } = await import('../src/write/tfrecord/output.js');
const { syntheticSource } = await import('./synthetic.js');

const { values } = parseArgs({
  options: {
    pool: { type: 'string', default: '30000' },
    total: { type: 'string' },
    native: { type: 'string', default: 'auto' },
    workers: { type: 'string', default: '0' },
    layout: { type: 'string', default: 'enc-dec' },
    window: { type: 'string', default: '8192' },
    shards: { type: 'string', default: '16' },
  },
});

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 25);

const registry = loadRegistry();
const options = BuildOptionsSchema.parse({
  out: tmpdir(),
  seed: 0,
  ...(values.total ? { total: Number(values.total) } : {}),
});
const selection = selectTasks(registry, options);
const source = syntheticSource(Number(values.pool));
const refs = selection.train;
const loaded = await loadMembers(source, builtinCatalog(), refs, options, silentProgress);
const records = (): AsyncIterable<MixtureRecord> => mixRecords(loaded.members, mixOptionsOf(options));

const tokenizerSpec = {
  kind: 'default' as const,
  native: values.native as 'auto' | 'off' | 'require',
  workers: Number(values.workers),
};
let tokenizer = await loadTokenizer(tokenizerSpec);
/**
 * Each timed stage gets a fresh tokenizer: its threads' word caches and compiled code start cold, so a
 * stage does not run faster for coming after another (at small pool sizes a warm cache made the build
 * look cheaper than the tokenizer alone).
 */
async function freshTokenizer(): Promise<void> {
  await tokenizer.close?.();
  tokenizer = await loadTokenizer(tokenizerSpec);
  // Let the new threads finish loading the vocabulary before the clock starts.
  await tokenizer.encodeBatch(['warm up']);
}
const pack: PackOptionsInput = {
  layout: values.layout as 'enc-dec' | 'decoder-only',
  window: Number(values.window),
};

const stagePeaks: string[] = [];
const cpu: Record<string, number> = {};
let overall = 0;
/** Runs one stage, timing it and recording its CPU time (all threads) and the peak RSS reached. */
async function timed<T>(label: string, f: () => Promise<T>): Promise<[T, number]> {
  overall = Math.max(overall, peak);
  peak = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await f();
  const c = process.cpuUsage(c0);
  cpu[label] = (c.user + c.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  stagePeaks.push(`${label} ${(peak / 2 ** 20).toFixed(0)}`);
  overall = Math.max(overall, peak);
  return [r, (performance.now() - t0) / 1000];
}

// 1. Mixing alone (records generated and dropped).
const [examples, mixSeconds] = await timed('mixing', async () => {
  let n = 0;
  for await (const _ of records()) n++;
  return n;
});

// 2. Tokenizer alone: the mixture's texts through tokenizeRecords, ids counted and dropped.
await freshTokenizer();
const [tokens, tokSeconds] = await timed('tokenizer', async () => {
  let n = 0;
  for await (const t of tokenizeRecords(records(), tokenizer)) n += t.inputs.length + t.targets.length;
  return n;
});

// 3. The whole build: mix → tokenize → best-fit pack → TFRecord shards + info/stats.
const out = await mkdtemp(join(tmpdir(), 'flanmix-pack-bench-'));
await freshTokenizer();
const ids = { eosId: tokenizer.eosId, padId: tokenizer.padId };
const [built, buildSeconds] = await timed('build', () =>
  // As flanmix build does: the writer is done with each row before the next, so rows share buffers.
  writePackedOutput(
    packExamples(tokenizeRecords(records(), tokenizer), ids, pack, undefined, { reuseRows: true }),
    {
      dir: out,
      shards: Number(values.shards),
      format: 'tfrecord',
      features: featureSpecs(PackOptionsSchema.parse(pack)),
    },
  ),
);
const bytes = built.shards.reduce((n, s) => n + s.bytes, 0);
await rm(out, { recursive: true, force: true });

// 4. Greedy fill on the same stream (no writing).
async function* tokenized(): AsyncGenerator<TokenizedExample> {
  yield* tokenizeRecords(records(), tokenizer);
}
const greedyOptions = PackOptionsSchema.parse({ ...pack, packer: 'greedy' });
const greedy = new RowStats(featureSpecs(greedyOptions));
await timed('greedy', async () => {
  for await (const row of packExamples(tokenized(), ids, greedyOptions, undefined, { reuseRows: true }))
    greedy.add(row);
});
const g = greedy.toJSON();

await tokenizer.close?.();
clearInterval(sampler);

const b = built.stats;
const pct = (x: number | null | undefined) => (x == null ? 'n/a' : `${(100 * x).toFixed(2)}%`);
const rate = (n: number, s: number) => `${(n / s / 1e6).toFixed(2)}M tokens/s`;
console.log(`tasks              ${loaded.members.length}`);
console.log(`examples           ${examples}`);
console.log(`tokens             ${tokens} (no EOS)`);
console.log(`tokenizer          ${tokenizer.backend} ×${tokenizer.concurrency ?? 1}: ${tokenizer.name}`);
console.log(`mixing alone       ${mixSeconds.toFixed(1)} s`);
console.log(
  `tokenizer alone    ${tokSeconds.toFixed(1)} s  ${rate(tokens, tokSeconds)}  (mixing + tokenizing)`,
);
console.log(`  net of mixing    ${rate(tokens, tokSeconds - mixSeconds)}`);
console.log(
  `whole build        ${buildSeconds.toFixed(1)} s  ${rate(tokens, buildSeconds)}  (+ best-fit pack + TFRecord)`,
);
console.log(
  `ratio              ${(buildSeconds / tokSeconds).toFixed(3)} (whole build / tokenizer alone; target ≤ 1.3)`,
);
// CPU time over all threads: what the build costs in work, whatever else competes for the cores.
console.log(
  `cpu time           tokenizer alone ${cpu.tokenizer!.toFixed(0)} s, whole build ${cpu.build!.toFixed(0)} s, ratio ${(cpu.build! / cpu.tokenizer!).toFixed(3)}`,
);
console.log(
  `output             ${b.rows} rows, ${(bytes / 1e6).toFixed(0)} MB TFRecord in ${values.shards} shards`,
);
console.log(
  `peak RSS           ${(overall / 2 ** 20).toFixed(0)} MiB (per stage, MiB: ${stagePeaks.join(', ')})`,
);
console.log(
  `best-fit fill      inputs ${pct(b.inputs_fill)}  targets ${pct(b.targets_fill)}  (${b.rows} rows; target ≥ 97% inputs)`,
);
console.log(
  `greedy fill        inputs ${pct(g.inputs_fill)}  targets ${pct(g.targets_fill)}  (${g.rows} rows)`,
);

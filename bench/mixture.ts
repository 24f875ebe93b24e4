// Throughput of the mixer on a full-size synthetic mixture: 62 datasets (66 training tasks), pools of
// 30,000 rows in each task's Hub schema, adapted, templated and written as JSONL; no tokenization.
// Run: npm run bench -- [--pool 30000] [--total N]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSynthetic } from './synthetic.js';

const { values } = parseArgs({
  options: { pool: { type: 'string', default: '30000' }, total: { type: 'string' } },
});
const out = await mkdtemp(join(tmpdir(), 'flanmix-bench-'));
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const started = performance.now();
const result = await buildSynthetic(
  { out, seed: 0, ...(values.total ? { total: Number(values.total) } : {}) },
  Number(values.pool),
);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const bytes = result.shards.reduce((n, s) => n + s.bytes, 0);
console.log(`members            ${result.totals.members}`);
console.log(`examples           ${result.totals.examples}`);
console.log(`time               ${seconds.toFixed(1)} s`);
console.log(`throughput         ${Math.round(result.totals.examples / seconds)} examples/s`);
console.log(
  `output             ${(bytes / 1e6).toFixed(0)} MB JSONL (${(bytes / seconds / 1e6).toFixed(1)} MB/s)`,
);
console.log(`peak RSS           ${(peak / 2 ** 20).toFixed(0)} MiB`);
await rm(out, { recursive: true, force: true });

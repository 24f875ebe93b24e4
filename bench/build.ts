// The truthful bench: a full-size corpus in every task's Hub schema (bench/corpus: Zipf vocabularies per
// language, FLAN-like lengths), generated once into a cache folder, then the real CLI (`flanmix build
// --source local`) for both packed layouts, and the tokenizer alone over the same rendered text, all in
// this one run. Each step is its own process; wall, CPU (all threads) and peak RSS come from the process.
// Run: npm run bench -- [--rows 30000] [--cache DIR] [--workers 0] [--native auto|off|require]
//      [--layouts enc-dec,decoder-only] [--keep] [--dist DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus/generate.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '30000' },
    cache: {
      type: 'string',
      default: process.env.FLANMIX_BENCH_CACHE ?? join(homedir(), '.cache', 'flanmix-bench'),
    },
    workers: { type: 'string', default: '0' },
    native: { type: 'string', default: 'auto' },
    layouts: { type: 'string', default: 'enc-dec,decoder-only' },
    keep: { type: 'boolean', default: false },
    // Another build of flanmix to measure (e.g. a copy of an older dist/), for before/after tables.
    dist: { type: 'string' },
  },
});
const ROOT = join(import.meta.dirname, '..');
const rows = Number(values.rows);
const data = ensureCorpus({ rows, cacheDir: values.cache }, (line) => process.stderr.write(`${line}\n`));
const scratch = mkdtempSync(join(tmpdir(), 'flanmix-bench-'));

interface Usage {
  wall: number;
  user: number;
  system: number;
  maxRssMiB: number;
}

function run(name: string, args: string[]): { usage: Usage; stdout: string } {
  const usageFile = join(scratch, `${name}.usage.json`);
  process.stderr.write(`bench: ${name}…\n`);
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'usage.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FLANMIX_BENCH_USAGE: usageFile },
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}):\n${r.stderr}`);
  return { usage: JSON.parse(readFileSync(usageFile, 'utf8')) as Usage, stdout: r.stdout };
}

const dist = values.dist ?? join(ROOT, 'dist');
const cli = join(dist, 'cli.js');
const common = [
  'build',
  '--source',
  'local',
  '--data-dir',
  data,
  '--cap',
  String(rows),
  '--no-eval',
  '--seed',
  '0',
];
const text = run('text build', [cli, ...common, '--out', join(scratch, 'text')]);
const alone = run('tokenizer alone', [
  join(ROOT, 'bench', 'tokenizer-alone.mjs'),
  join(scratch, 'text'),
  values.workers,
  join(dist, 'index.js'),
]);
const { tokens, examples } = JSON.parse(alone.stdout) as { tokens: number; examples: number };

const mb = (n: number) => `${(n / 1e6).toFixed(2)}M`;
const line = (name: string, u: Usage, extra = '') =>
  `${name.padEnd(26)} wall ${u.wall.toFixed(1).padStart(7)} s  CPU ${(u.user + u.system).toFixed(1).padStart(7)} s  ` +
  `peak RSS ${u.maxRssMiB.toFixed(0).padStart(5)} MiB  ${mb(tokens / u.wall)} tokens/s${extra}`;
const report = [
  `corpus: ${data} (${rows} rows per task); ${examples} examples, ${mb(tokens)} tokens (before truncation)`,
  line('text build (no tokens)', text.usage),
  line('tokenizer alone', alone.usage),
];
for (const layout of values.layouts.split(',')) {
  const out = join(scratch, layout);
  const args = [cli, ...common, '--out', out, '--output', 'tfrecord', '--layout', layout];
  const build = run(`${layout} build`, [...args, '--workers', values.workers, '--native', values.native]);
  const stats = JSON.parse(readFileSync(join(out, 'stats.train.json'), 'utf8')) as Record<string, number>;
  const fill = ['inputs_fill', 'targets_fill', 'row_fill']
    .filter((k) => typeof stats[k] === 'number')
    .map((k) => `${k} ${stats[k]!.toFixed(4)}`)
    .join(', ');
  const ratio = `  ×${(build.usage.wall / alone.usage.wall).toFixed(3)} wall, ×${((build.usage.user + build.usage.system) / (alone.usage.user + alone.usage.system)).toFixed(3)} CPU of tokenizer alone`;
  report.push(line(`${layout} build`, build.usage, ratio), `${''.padEnd(26)} ${stats.rows} rows; ${fill}`);
  if (!values.keep) rmSync(out, { recursive: true, force: true });
}
console.log(report.join('\n'));
if (!values.keep) rmSync(scratch, { recursive: true, force: true });
else console.log(`outputs kept in ${scratch}`);

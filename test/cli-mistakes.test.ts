// Every command × the kinds of mistake a caller makes, through the built CLI as a user runs it: each must
// exit 2 (docs/cli.md) with exactly ONE line on stderr, in our words, naming the flag or name and the value,
// and print nothing on stdout. No zod or node:util wording, no stack trace.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flanmixAsync, runCliCaptured, tempDir } from './helpers.js';

const OUT = () => join(tempDir('flanmix-mistake-'), 'out');

type Case = [what: string, args: () => string[], message: RegExp];

const CASES: Case[] = [
  // The command itself.
  [
    'unknown command, near miss',
    () => ['buld'],
    /^flanmix: unknown command "buld" \(did you mean "build"\?\)/,
  ],
  ['unknown command', () => ['frobnicate'], /^flanmix: unknown command "frobnicate" \(commands: list, /],
  // build
  [
    'build: unknown flag',
    () => ['build', '--out', OUT(), '--sed', '3'],
    /^flanmix build: unknown flag --sed \(did you mean --seed\?\)/,
  ],
  [
    'build: negative --cap',
    () => ['build', '--out', OUT(), '--cap', '-5'],
    /^flanmix build: --cap must be at least 1, got -5$/,
  ],
  [
    'build: negative --seed',
    () => ['build', '--out', OUT(), '--seed', '-1'],
    /^flanmix build: --seed must be at least 0, got -1$/,
  ],
  [
    'build: negative --temperature',
    () => ['build', '--out', OUT(), '--temperature', '-1'],
    /^flanmix build: --temperature must be more than 0, got -1$/,
  ],
  [
    'build: not a number',
    () => ['build', '--out', OUT(), '--shards', 'eight'],
    /^flanmix build: --shards must be a number, got "eight"$/,
  ],
  [
    'build: bad choice',
    () => ['build', '--out', OUT(), '--format', 'instrction'],
    /^flanmix build: --format must be one of .*, got "instrction" \(did you mean "instruction"\?\)$/,
  ],
  [
    'build: unknown dataset',
    () => ['build', '--out', OUT(), '--datasets', 'rtee'],
    /^flanmix build: unknown dataset "rtee" \(did you mean "rte"\?\)$/,
  ],
  [
    'build: unknown cluster',
    () => ['build', '--out', OUT(), '--held-out', 'nlii'],
    /^flanmix build: unknown cluster "nlii" \(did you mean "nli"\?\)/,
  ],
  [
    'build: conflicting flags',
    () => ['build', '--out', OUT(), '--gzip', '--output', 'tfrecord'],
    /^flanmix build: --gzip does not apply to --output tfrecord/,
  ],
  ['build: missing required flag', () => ['build'], /^flanmix build: --out DIR is required/],
  [
    'build: flag without its value',
    () => ['build', '--out'],
    /^flanmix build: --out needs a value \(--out DIR\)$/,
  ],
  [
    'build: next flag taken as a value',
    () => ['build', '--out', '--force'],
    /^flanmix build: --out needs a value \(--out DIR\), got the flag --force$/,
  ],
  [
    'build: stray word',
    () => ['build', '--out', OUT(), 'rte'],
    /^flanmix build: unexpected argument "rte" .*--datasets rte/,
  ],
  [
    'build: boolean given a value',
    () => ['build', '--out', OUT(), '--gzip=yes'],
    /^flanmix build: --gzip takes no value, got "yes"$/,
  ],
  [
    'build: too many templates',
    () => ['build', '--out', OUT(), '--templates', '99'],
    /^flanmix build: --templates must be at most 10/,
  ],
  [
    'build: missing tokenizer file',
    () => ['build', '--out', OUT(), '--output', 'tfrecord', '--tokenizer', '/nonexistent/tokenizer.json'],
    /^flanmix build: --tokenizer \/nonexistent\/tokenizer.json: no such file/,
  ],
  [
    'build: bad item of a list flag',
    () => ['build', '--out', OUT(), '--output', 'tfrecord', '--keep-text', 'inputs_pretokenized,tsk'],
    /^flanmix build: --keep-text must be one of .*, got "tsk" \(did you mean "task"\?\)$/,
  ],
  [
    'build: no such manifest',
    () => ['build', '--out', OUT(), '--from-manifest', '/nonexistent/manifest.json'],
    /^flanmix build: --from-manifest \/nonexistent\/manifest.json: cannot read it \(ENOENT\)$/,
  ],
  [
    'build: flag beside --from-manifest',
    () => ['build', '--out', OUT(), '--from-manifest', '/nonexistent/manifest.json', '--seed', '1'],
    /^flanmix build: --seed cannot be given with --from-manifest/,
  ],
  // rates
  [
    'rates: negative --total',
    () => ['rates', '--total', '-3'],
    /^flanmix rates: --total must be at least 1, got -3$/,
  ],
  [
    'rates: negative --rate-max',
    () => ['rates', '--rate-max', '-1'],
    /^flanmix rates: --rate-max must be more than 0, got -1$/,
  ],
  ['rates: output flag', () => ['rates', '--shards', '2'], /^flanmix rates: unknown flag --shards/],
  [
    'rates: bad --sizes',
    () => ['rates', '--sizes', 'registy'],
    /^flanmix rates: --sizes must be "source" or "registry", got "registy" \(did you mean "registry"\?\)$/,
  ],
  [
    'rates: unknown dataset',
    () => ['rates', '--datasets', 'cola,rtee'],
    /^flanmix rates: unknown dataset "rtee"/,
  ],
  [
    'rates: conflicting flags',
    () => ['rates', '--offline'],
    /^flanmix rates: --offline applies to --source hub only, not samples$/,
  ],
  // render
  [
    'render: unknown dataset',
    () => ['render', 'rtee'],
    /^flanmix render: unknown dataset "rtee" \(did you mean "rte"\?\)$/,
  ],
  [
    'render: unknown task',
    () => ['render', 'anli', '--task', 'r4'],
    /^flanmix render: dataset "anli" has no task "r4"/,
  ],
  [
    'render: unknown template',
    () => ['render', 'rte', '--template', '99'],
    /^flanmix render: template 99: rte has templates 0 to 9$/,
  ],
  [
    'render: negative --limit',
    () => ['render', 'rte', '--limit', '-2'],
    /^flanmix render: --limit must be at least 1, got -2$/,
  ],
  [
    'render: negative --template',
    () => ['render', 'rte', '--template', '-1'],
    /^flanmix render: --template must be at least 0, got -1$/,
  ],
  [
    'render: not a number',
    () => ['render', 'rte', '--limit', 'all'],
    /^flanmix render: --limit must be a whole number, got "all"$/,
  ],
  ['render: no dataset', () => ['render'], /^flanmix render: name exactly one DATASET/],
  [
    'render: no such folder',
    () => ['render', 'rte', '--data-dir', '/nonexistent-data'],
    /^flanmix render: dataDir \/nonexistent-data is not a folder/,
  ],
  // list
  [
    'list: unknown cluster',
    () => ['list', '--cluster', 'nlii'],
    /^flanmix list: unknown cluster "nlii" \(did you mean "nli"\?\)/,
  ],
  [
    'list: unknown flag',
    () => ['list', '--jsn'],
    /^flanmix list: unknown flag --jsn \(did you mean --json\?\)/,
  ],
  [
    'list: missing registry file',
    () => ['list', '--registry', '/nonexistent/registry.json'],
    /^flanmix list: registry file \/nonexistent\/registry.json: cannot read it \(ENOENT\)$/,
  ],
  // splits
  ['splits: missing required flag', () => ['splits'], /^flanmix splits: --held-out is required/],
  [
    'splits: unknown cluster',
    () => ['splits', '--held-out', 'nli,comonsense'],
    /^flanmix splits: unknown cluster "comonsense" \(did you mean "commonsense"\?\)/,
  ],
  // fetch
  [
    'fetch: unknown dataset',
    () => ['fetch', 'rtee', '--check'],
    /^flanmix fetch: unknown dataset "rtee" \(did you mean "rte"\?\)$/,
  ],
  [
    'fetch: bad choice',
    () => ['fetch', '--source', 'hubb', '--check'],
    /^flanmix fetch: --source must be one of "hub", "local", "samples", got "hubb" \(did you mean "hub"\?\)$/,
  ],
  [
    'fetch: unknown cluster',
    () => ['fetch', '--held-out', 'nlii', '--check'],
    /^flanmix fetch: unknown cluster "nlii"/,
  ],
  [
    'fetch: bad URL',
    () => ['fetch', '--hub-endpoint', 'nowhere', '--check'],
    /^flanmix fetch: --hub-endpoint must be a valid url, got "nowhere"$/,
  ],
  [
    'fetch: missing flag for local',
    () => ['fetch', '--source', 'local', '--check'],
    /^flanmix fetch: --source local needs --data-dir DIR$/,
  ],
  // check
  [
    'check: unknown dataset',
    () => ['check', 'rtee'],
    /^flanmix check: unknown dataset "rtee" \(did you mean "rte"\?\)$/,
  ],
  [
    'check: unknown cluster',
    () => ['check', '--clusters', 'sentimnt'],
    /^flanmix check: unknown cluster "sentimnt" \(did you mean "sentiment"\?\)/,
  ],
  [
    'check: bad URL',
    () => ['check', '--hub-endpoint', 'nowhere'],
    /^flanmix check: --hub-endpoint must be a valid url, got "nowhere"$/,
  ],
  // report
  ['report: no folder', () => ['report'], /^flanmix report: name exactly one build output folder/],
  [
    'report: not a build folder',
    () => ['report', '/nonexistent-flanmix-build'],
    /^flanmix report: \/nonexistent-flanmix-build\/manifest.json is missing/,
  ],
  ['report: unknown flag', () => ['report', '--all'], /^flanmix report: unknown flag --all/],
  // explore
  [
    'explore: negative --port',
    () => ['explore', '--port', '-1'],
    /^flanmix explore: --port must be at least 0, got -1$/,
  ],
  [
    'explore: port out of range',
    () => ['explore', '--port', '70000'],
    /^flanmix explore: --port must be at most 65535, got 70000$/,
  ],
  [
    'explore: not a number',
    () => ['explore', '--port', 'http'],
    /^flanmix explore: --port must be a whole number, got "http"$/,
  ],
  [
    'explore: flag without its value',
    () => ['explore', '--static'],
    /^flanmix explore: --static needs a value \(--static DIR\)$/,
  ],
  // score
  ['score: missing required flags', () => ['score'], /^flanmix score: --eval is required$/],
  [
    'score: missing --predictions',
    () => ['score', '--eval', 'x'],
    /^flanmix score: --predictions is required$/,
  ],
  [
    'score: no such folder',
    () => ['score', '--eval', '/nonexistent-eval', '--predictions', '/nonexistent.jsonl'],
    /^flanmix score: --eval: \/nonexistent-eval is not a folder/,
  ],
  [
    'score: unknown flag',
    () => ['score', '--allow-mising'],
    /^flanmix score: unknown flag --allow-mising \(did you mean --allow-missing\?\)/,
  ],
];

/** What every refusal must look like: one line matching `message`, nothing on stdout, exit 2. */
function expectRefusal(r: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n'), r.stderr).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(
    /Invalid (input|option)|expected \w+, received|Too (small|big)|ERR_PARSE_ARGS|\bat \S+:\d+/,
  );
  expect(r.code, r.stderr).toBe(2);
}

describe('a mistake in the call exits 2 with one line on stderr and nothing on stdout', () => {
  it('covers every command', async () => {
    const { COMMANDS } = await import('../src/cli/run.js');
    const covered = new Set(CASES.map(([, args]) => args()[0]));
    for (const c of COMMANDS) expect(covered, c.name).toContain(c.name);
  });

  // In process: the whole table in a second or two (each process start costs ~0.5 s of CPU).
  it.each(CASES)('%s', async (_what, args, message) => {
    expectRefusal(await runCliCaptured(args()), message);
  });

  // As a user runs it: the built CLI as a child process, the first case of each command (and the unknown
  // command), so the exit status and streams of the real process are checked too.
  const firstOfEach = CASES.filter(
    ([, args], i) => CASES.findIndex(([, other]) => other()[0] === args()[0]) === i,
  );
  it.concurrent.each(firstOfEach)('built CLI: %s', async (_what, args, message) => {
    expectRefusal(await flanmixAsync(args()), message);
  });
});

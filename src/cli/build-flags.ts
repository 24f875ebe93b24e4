import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { optionConflict } from '../pipeline/option-conflicts.js';
import { type BuildOptions, type BuildOptionsInput, BuildOptionsSchema } from '../pipeline/options.js';
import { loadRegistry } from '../registry/load.js';
import { suggest } from '../registry/suggest.js';
import { loadTemplates } from '../templates/load.js';
import { MAX_WORKERS } from '../tokenize/types.js';
import { type Flag, UsageError } from './command.js';
import { readConfig } from './config-file.js';
import { flagIssue, splitList } from './parse.js';

/** Flags shared by `build` and `rates`; each maps onto a BuildOptions field (docs/cli.md lists them). */
export const MIX_FLAGS: Record<string, Flag> = {
  config: {
    type: 'string',
    arg: 'FILE',
    description: 'JSON or YAML file of build options; flags override it',
  },
  source: {
    type: 'string',
    arg: 'samples|hub|local',
    description: 'where rows come from',
    default: 'samples',
  },
  'data-dir': {
    type: 'string',
    arg: 'DIR',
    description: 'folder of local files (--source local; with hub: manual datasets)',
  },
  'hub-endpoint': {
    type: 'string',
    arg: 'URL',
    description: 'Hub mirror (default: $HF_ENDPOINT or huggingface.co)',
  },
  'cache-dir': {
    type: 'string',
    arg: 'DIR',
    description: 'download cache (default: $HF_HUB_CACHE, $HF_HOME/hub)',
  },
  offline: { type: 'boolean', description: 'use the download cache only' },
  'held-out': {
    type: 'string',
    arg: 'C[,C…]',
    description: 'clusters to hold out of training',
    multiple: true,
  },
  datasets: {
    type: 'string',
    arg: 'D[,D…]',
    description: 'only these datasets (default: all 62)',
    multiple: true,
  },
  seed: {
    type: 'string',
    arg: 'N',
    description: 'seed for slices, order, templates, exemplars',
    default: '0',
  },
  cap: { type: 'string', arg: 'N', description: 'training examples kept per task', default: '30000' },
  'rate-max': { type: 'string', arg: 'N', description: 'mixing-rate maximum per task', default: '3000' },
  temperature: { type: 'string', arg: 'T', description: 'mixing temperature (rate ** 1/T)', default: '1' },
  total: { type: 'string', arg: 'N', description: 'examples in the mixture (default: sum of capped pools)' },
  'validation-size': {
    type: 'string',
    arg: 'N',
    description: "validation tail per task (default: FLAN's sizes)",
  },
  'skip-unavailable': { type: 'boolean', description: 'go on without datasets that cannot be had' },
};

export const OUTPUT_FLAGS: Record<string, Flag> = {
  out: {
    type: 'string',
    short: 'o',
    arg: 'DIR',
    description: 'output folder (required): new, empty, or a flanmix build',
  },
  force: {
    type: 'boolean',
    description: 'build into a folder that holds other files too (they are never removed or overwritten)',
  },
  shards: { type: 'string', arg: 'N', description: 'number of training shards', default: '8' },
  gzip: { type: 'boolean', description: 'write .jsonl.gz shards' },
  format: {
    type: 'string',
    arg: 'F',
    description: 'instruction | no-template | dataset-name',
    default: 'instruction',
  },
  'options-style': {
    type: 'string',
    arg: 'S',
    description: 'options block: flan | flan-lower | letters',
    default: 'flan',
  },
  templates: {
    type: 'string',
    arg: 'all|non-inverted|N',
    description: 'template subset (N = first N)',
    default: 'all',
  },
  'few-shot': { type: 'string', arg: 'K', description: 'exemplars per example (0-16)', default: '0' },
  'few-shot-max-tokens': {
    type: 'string',
    arg: 'N',
    description: 'few-shot input budget in tokens',
    default: '960',
  },
  separators: {
    type: 'string',
    arg: 'plain|flan',
    description: 'few-shot separators preset',
    default: 'plain',
  },
  lamda: {
    type: 'boolean',
    description: "wrap inputs as FLAN's '0 {x} X 1 FLAN' (LaMDA-PT dialogue format)",
  },
  'no-eval': { type: 'boolean', description: 'with --held-out, skip the evaluation files' },
  'eval-all-templates': {
    type: 'boolean',
    description: 'evaluation files use inverted templates too (flagged)',
  },
  'eval-limit': { type: 'string', arg: 'N', description: 'at most N examples per held-out task and split' },
  output: {
    type: 'string',
    arg: 'text|parquet|tfrecord|packed-jsonl',
    description: 'text records (JSONL or parquet), or tokenized and packed rows',
    default: 'text',
  },
  tokenizer: {
    type: 'string',
    arg: 'default|PATH|hub:REPO[@REV]',
    description: 'tokenizer.json for packing and the few-shot budget (default: Mistral-7B 32k)',
  },
  native: {
    type: 'string',
    arg: 'auto|off|require',
    description: 'native tokenizers fast path',
    default: 'auto',
  },
  workers: {
    type: 'string',
    arg: 'N',
    description: 'tokenizer threads (0 = one per core; at most the cores)',
    default: '0',
  },
  'force-workers': {
    type: 'boolean',
    description: `allow --workers above the number of cores (up to ${MAX_WORKERS})`,
  },
  'special-tokens': {
    type: 'string',
    arg: 'text|error',
    description: 'special-token strings in text: encode as text, or stop',
    default: 'text',
  },
  layout: {
    type: 'string',
    arg: 'enc-dec|decoder-only',
    description: 'packed row layout',
    default: 'enc-dec',
  },
  packer: {
    type: 'string',
    arg: 'best-fit|greedy|none',
    description: 'how examples share rows',
    default: 'best-fit',
  },
  pack: {
    type: 'string',
    arg: 'none',
    description: '--pack none: one example per row (same as --packer none)',
  },
  'input-length': {
    type: 'string',
    arg: 'N',
    description: 'enc-dec input length, EOS included',
    default: '1024',
  },
  'target-length': {
    type: 'string',
    arg: 'N',
    description: 'enc-dec target length, EOS included',
    default: '256',
  },
  length: {
    type: 'string',
    arg: 'N',
    description: 'decoder-only row length (default: input + target = 1280)',
  },
  bos: {
    type: 'boolean',
    description: "decoder-only packed rows: start each example with the tokenizer's BOS",
  },
  'pack-window': {
    type: 'string',
    arg: 'N',
    description: 'best-fit: examples the packer chooses from',
    default: '8192',
  },
  fields: {
    type: 'string',
    arg: 'IN,OUT',
    description: 'names of the input and target fields of text records (trl: prompt,completion)',
    default: 'inputs,targets',
  },
  'keep-text': {
    type: 'string',
    arg: 'F[,F…]',
    description: 'text fields kept in packed rows (e.g. inputs_pretokenized)',
    multiple: true,
  },
};

/** `default`, a path to a tokenizer.json, or `hub:owner/name[@revision]`. */
function tokenizerSpec(values: Record<string, unknown>): Record<string, unknown> | undefined {
  const t = values.tokenizer === undefined ? undefined : String(values.tokenizer);
  const common = {
    ...(values.native !== undefined ? { native: values.native } : {}),
    ...(values['special-tokens'] !== undefined ? { specialTokens: values['special-tokens'] } : {}),
    ...(values.workers !== undefined ? { workers: num(values, 'workers', 'tokenizer.workers') } : {}),
    ...(values['force-workers'] ? { forceWorkers: true } : {}),
  };
  if (t === undefined) return Object.keys(common).length ? { kind: 'default', ...common } : undefined;
  if (t === 'default') return { kind: 'default', ...common };
  const hub = /^hub:([^@]+)(?:@(.+))?$/.exec(t);
  if (hub) return { kind: 'hub', repo: hub[1], ...(hub[2] ? { revision: hub[2] } : {}), ...common };
  return { kind: 'file', path: t, ...common };
}

/** The flag that sets each option, for error messages that name what the user typed. */
const FLAG_OF: Record<string, string> = {
  dataDir: '--data-dir',
  hubEndpoint: '--hub-endpoint',
  cacheDir: '--cache-dir',
  heldOut: '--held-out',
  rateMax: '--rate-max',
  validationSize: '--validation-size',
  skipUnavailable: '--skip-unavailable',
  optionsStyle: '--options-style',
  eval: '--no-eval',
  evalAllTemplates: '--eval-all-templates',
  evalLimit: '--eval-limit',
  'fewShot.k': '--few-shot',
  'fewShot.maxInputTokens': '--few-shot-max-tokens',
  'fewShot.separators': '--separators',
  'pack.inputLength': '--input-length',
  'pack.targetLength': '--target-length',
  'pack.window': '--pack-window',
  'pack.keep': '--keep-text',
  'pack.layout': '--layout',
  'pack.packer': '--packer',
  'pack.length': '--length',
  'pack.bos': '--bos',
  'tokenizer.workers': '--workers',
  'tokenizer.native': '--native',
  'tokenizer.specialTokens': '--special-tokens',
};

function flagOf(field: string): string {
  return FLAG_OF[field] ?? `--${field}`;
}

/**
 * A numeric flag's value; `''`, `0x10` or `1e3` are refused rather than read as 0, 16 or 1000. A negative
 * number is a number: the schema refuses it by range, naming the bound (`--cap must be at least 1, got -5`).
 */
function num(values: Record<string, unknown>, flag: string, _field: string): number | undefined {
  const v = values[flag];
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(String(v)))
    throw new UsageError(`--${flag} must be a number, got ${JSON.stringify(String(v))}`);
  return Number(v);
}

/** `--templates`: all, non-inverted, or the first N. */
function templatesOf(v: unknown): string | number | undefined {
  if (v === undefined || v === 'all' || v === 'non-inverted') return v as string | undefined;
  if (!/^-?\d+$/.test(String(v)))
    throw new UsageError(
      `--templates must be all, non-inverted or a number of templates, got ${JSON.stringify(String(v))}${suggest(String(v), ['all', 'non-inverted'])}`,
    );
  return Number(v);
}

/** The value at a dotted path of an object (for error messages). */
function at(obj: unknown, path: readonly PropertyKey[]): unknown {
  let v = obj;
  for (const k of path)
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Config file (if any) overlaid with the given flags, validated as BuildOptions. */
export function buildOptionsFromFlags(values: Record<string, unknown>, requireOut: boolean): BuildOptions {
  const fromFile = values.config ? readConfig(String(values.config)) : {};
  const flags: Record<string, unknown> = {
    source: values.source,
    dataDir: values['data-dir'],
    hubEndpoint: values['hub-endpoint'],
    cacheDir: values['cache-dir'],
    offline: values.offline,
    heldOut: values['held-out'] === undefined ? undefined : splitList(values['held-out']),
    datasets: values.datasets === undefined ? undefined : splitList(values.datasets),
    seed: num(values, 'seed', 'seed'),
    cap: num(values, 'cap', 'cap'),
    rateMax: num(values, 'rate-max', 'rateMax'),
    temperature: num(values, 'temperature', 'temperature'),
    total: num(values, 'total', 'total'),
    validationSize: num(values, 'validation-size', 'validationSize'),
    skipUnavailable: values['skip-unavailable'],
    out: values.out ?? (requireOut ? undefined : '.'),
    force: values.force,
    shards: num(values, 'shards', 'shards'),
    gzip: values.gzip,
    format: values.format,
    optionsStyle: values['options-style'],
    templates: templatesOf(values.templates),
    eval: values['no-eval'] ? false : undefined,
    evalAllTemplates: values['eval-all-templates'],
    evalLimit: num(values, 'eval-limit', 'evalLimit'),
    lamda: values.lamda,
    output: values.output,
    fields: values.fields === undefined ? undefined : splitList(values.fields),
  };
  const fewShot = {
    ...(typeof fromFile.fewShot === 'object' && fromFile.fewShot ? fromFile.fewShot : {}),
    ...(values['few-shot'] !== undefined ? { k: num(values, 'few-shot', 'fewShot.k') } : {}),
    ...(values['few-shot-max-tokens'] !== undefined
      ? { maxInputTokens: num(values, 'few-shot-max-tokens', 'fewShot.maxInputTokens') }
      : {}),
    ...(values.separators !== undefined ? { separators: values.separators } : {}),
  };
  if (values.pack !== undefined && values.pack !== 'none')
    throw new UsageError(
      `--pack must be "none" (the only value), got ${JSON.stringify(String(values.pack))}`,
    );
  if (values.pack === 'none' && values.packer !== undefined && values.packer !== 'none')
    throw new UsageError(
      `--pack none contradicts --packer ${String(values.packer)} (--pack none is --packer none)`,
    );
  const pack = {
    ...(typeof fromFile.pack === 'object' && fromFile.pack ? fromFile.pack : {}),
    ...(values.layout !== undefined ? { layout: values.layout } : {}),
    ...(values.packer !== undefined ? { packer: values.packer } : {}),
    ...(values.pack === 'none' ? { packer: 'none' } : {}),
    ...(values['input-length'] !== undefined
      ? { inputLength: num(values, 'input-length', 'pack.inputLength') }
      : {}),
    ...(values['target-length'] !== undefined
      ? { targetLength: num(values, 'target-length', 'pack.targetLength') }
      : {}),
    ...(values.length !== undefined ? { length: num(values, 'length', 'pack.length') } : {}),
    ...(values['pack-window'] !== undefined ? { window: num(values, 'pack-window', 'pack.window') } : {}),
    ...(values['keep-text'] !== undefined ? { keep: splitList(values['keep-text']) } : {}),
    ...(values.bos ? { bos: true } : {}),
  };
  const tokenizer = tokenizerSpec(values);
  const merged: Record<string, unknown> = {
    ...fromFile,
    fewShot,
    pack,
    ...(tokenizer
      ? { tokenizer: { ...(typeof fromFile.tokenizer === 'object' ? fromFile.tokenizer : {}), ...tokenizer } }
      : {}),
  };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) merged[k] = v;
  // Where a field came from, so each message names what the user typed: the flag, or the config key.
  const fromFlag = (field: string): boolean => {
    const flag = flagOf(field).slice(2);
    return flag === 'packer'
      ? values.packer !== undefined || values.pack !== undefined
      : values[flag] !== undefined;
  };
  const name = (field: string) =>
    fromFlag(field) || !values.config ? flagOf(field) : `"${field}" in ${String(values.config)}`;
  const r = BuildOptionsSchema.safeParse(merged, { reportInput: true });
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.filter((p) => typeof p !== 'number').join('.');
    if (field === 'out') throw new UsageError('--out is required (the output folder: --out DIR)');
    // Our own refinements' messages may not carry the value; add it when the issue has none.
    const value = at(merged, issue.path);
    const message = flagIssue(issue, field ? name(field) : 'options');
    throw new UsageError(
      'input' in issue || value === undefined ? message : `${message}, got ${JSON.stringify(value)}`,
    );
  }
  // Checked on the options as given (they are valid by now), since "given but unused" is the mistake.
  const conflict = optionConflict(merged as BuildOptionsInput, name);
  if (conflict) throw new UsageError(conflict);
  checkWorkers(r.data, values);
  checkTokenizerFile(r.data);
  checkTemplates(r.data);
  return r.data;
}

/** `--templates N` above what a dataset has would silently mean "all"; say so before loading any data. */
function checkTemplates(o: BuildOptions): void {
  if (typeof o.templates !== 'number') return;
  const catalog = loadTemplates(loadRegistry());
  const most = Math.max(...[...catalog.values()].map((set) => set.templates.length));
  if (o.templates > most)
    throw new UsageError(
      `--templates must be at most ${most} (the most templates a dataset has), got ${o.templates}`,
    );
}

/** A tokenizer file that is not there is a mistake in the call: say so before any data is loaded. */
function checkTokenizerFile(o: BuildOptions): void {
  const t = o.tokenizer;
  if (t?.kind === 'file' && !existsSync(resolve(t.path)))
    throw new UsageError(`--tokenizer ${t.path}: no such file (a tokenizer.json, "default" or hub:REPO)`);
}

/** More threads than cores only slows tokenizing down, and thousands of them exhaust memory. */
function checkWorkers(o: BuildOptions, values: Record<string, unknown>): void {
  const workers = o.tokenizer?.workers ?? 0;
  const cores = availableParallelism();
  if (workers > cores && !o.tokenizer?.forceWorkers)
    throw new UsageError(
      `--workers ${workers} is more than this machine's ${cores} cores (add --force-workers to use them anyway, up to ${MAX_WORKERS})`,
    );
  if (values['force-workers'] && values.workers === undefined)
    throw new UsageError('--force-workers needs --workers N');
}

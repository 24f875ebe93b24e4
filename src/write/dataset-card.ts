import { stringify } from 'yaml';
import type { Registry } from '../registry/schema.js';
import type { SourceOrigin } from '../sources/types.js';

/** The dataset card's file name: what the Hugging Face Hub and `datasets` read as a dataset's README. */
export const CARD = 'README.md';

export interface CardMember {
  key: string;
  dataset: string;
  task: string;
  cluster: string;
  origin: SourceOrigin;
  pool: number;
  rate: number;
  share: number;
  count: number;
}

export interface CardEvalFile {
  file: string;
  dataset: string;
  task: string;
  split: 'validation' | 'test';
  examples: number;
  records: number;
  origin?: SourceOrigin;
}

/** What a card is written from: the build's manifest data, its catalog's registry, and how to rebuild it. */
export interface CardInput {
  version: string;
  seed: number;
  output: 'text' | 'parquet' | 'tfrecord' | 'packed-jsonl';
  /** Lines that say how the mixture was made (templates, format, few-shot, packing), one per setting. */
  settings: string[];
  registry: Registry;
  heldOut: { clusters: string[]; removed: { cluster: string; rule: string }[] } | null;
  members: readonly CardMember[];
  skipped: readonly { dataset: string; task: string; reason: string }[];
  shards: readonly { file: string; records: number }[];
  eval: readonly CardEvalFile[];
  examples: number;
  /** The same build from flags (defaults left out, placeholders for paths), and options no flag sets. */
  rebuild: { flags: string[]; unflagged: string[] };
}

export interface CardConfig {
  config_name: string;
  data_files: { split: string; path: string }[];
}

/**
 * The `configs` of the card's front matter: the training shards as the `train` split of the `default`
 * config (when `datasets` can read them: not TFRecord), and each held-out task's evaluation files as a
 * config of their own (splits `validation` and `test`), since their records have other fields than the
 * training records and one config must hold one schema.
 */
export function cardConfigs(input: Pick<CardInput, 'output' | 'shards' | 'eval'>): CardConfig[] {
  const configs: CardConfig[] = [];
  if (input.output !== 'tfrecord' && input.shards.length > 0)
    configs.push({ config_name: 'default', data_files: [{ split: 'train', path: shardGlob(input.shards) }] });
  const byTask = new Map<string, CardEvalFile[]>();
  for (const f of input.eval) {
    const name = evalConfigName(f);
    byTask.set(name, [...(byTask.get(name) ?? []), f]);
  }
  for (const [name, files] of byTask)
    configs.push({ config_name: name, data_files: files.map((f) => ({ split: f.split, path: f.file })) });
  return configs;
}

/** `rte`, `anli-r1`: ids are lower-case letters, digits and `_`, so `-` cannot make two names alike. */
export function evalConfigName(f: { dataset: string; task: string }): string {
  const name = f.dataset === f.task ? f.dataset : `${f.dataset}-${f.task}`;
  // `default` is the training config's name.
  return name === 'default' ? 'eval-default' : name;
}

/**
 * One glob for the shards when they follow the `<prefix>-00000-of-00008<suffix>` naming (it matches them
 * and nothing else a build writes); otherwise the single file name.
 */
function shardGlob(shards: readonly { file: string }[]): string {
  const pattern = /^(.*)-\d{5}-of-(\d{5})(.*)$/;
  const m = pattern.exec(shards[0]!.file);
  if (!m) return shards[0]!.file;
  const glob = `${m[1]}-*-of-${m[2]}${m[3]}`;
  const same = shards.every((s) => {
    const n = pattern.exec(s.file);
    return n !== null && n[1] === m[1] && n[2] === m[2] && n[3] === m[3];
  });
  return same ? glob : shards[0]!.file;
}

/** The card: YAML front matter (`configs`, licence, tags), then the mixture in Markdown. Same input, same bytes. */
export function datasetCard(input: CardInput): string {
  const configs = cardConfigs(input);
  const licenses = datasetLicenses(input);
  const distinct = [...new Set(licenses.map((l) => l.license))];
  const front = {
    license: distinct.length === 1 ? distinct[0] : 'other',
    tags: ['flanmix', 'flan', 'instruction-tuning'],
    ...(configs.length ? { configs } : {}),
  };
  return [
    '---',
    stringify(front, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    '# FLAN-style instruction-tuning mixture',
    '',
    `Built by [flanmix](https://github.com/flanmix/flanmix) ${input.version}: ${input.examples} training ` +
      `examples from ${input.members.length} tasks, in ${input.shards.length} ${shardKind(input.output)} ` +
      `shard${input.shards.length === 1 ? '' : 's'}` +
      (input.eval.length ? `, and ${input.eval.length} evaluation files for the held-out tasks.` : '.') +
      ' `manifest.json` records every option, count, source and file hash; `report.html` shows the composition.',
    '',
    ...loading(input, configs),
    ...composition(input),
    ...sources(input),
    ...licenseSection(licenses),
    ...rebuild(input),
  ].join('\n');
}

function shardKind(output: CardInput['output']): string {
  return output === 'text'
    ? 'JSONL'
    : output === 'parquet'
      ? 'parquet'
      : output === 'tfrecord'
        ? 'TFRecord'
        : 'packed JSONL';
}

function loading(input: CardInput, configs: CardConfig[]): string[] {
  const firstEval = configs.find((c) => c.config_name !== 'default');
  const lines = ['## Loading', ''];
  if (input.output === 'tfrecord') {
    lines.push(
      'The training shards are TFRecord files of `tf.train.Example` rows (seqio feature names), which the',
      '`datasets` library does not read: parse them with TensorFlow, using the features, dtypes and shapes in',
      '`info.train.json` (flanmix docs/packing.md, "Reading the output"):',
      '',
      '```python',
      'import glob, json',
      'import tensorflow as tf',
      '',
      'info = json.load(open("info.train.json"))',
      '',
      'def feature(shape, dtype):  # int32 features are stored as int64 lists',
      '    dtype = "int64" if dtype == "int32" else dtype',
      '    if shape and shape[0] is None:',
      '        return tf.io.FixedLenSequenceFeature(shape[1:], dtype, allow_missing=True)',
      '    return tf.io.FixedLenFeature(shape, dtype)',
      '',
      'spec = {name: feature(**desc) for name, desc in info["features"].items()}',
      'files = sorted(glob.glob(f"train.tfrecord-*-of-*{info[\'num_shards\']}"))',
      'rows = tf.data.TFRecordDataset(files).map(lambda pb: tf.io.parse_single_example(pb, spec))',
      '```',
      '',
    );
    if (firstEval)
      lines.push(
        'The evaluation files are JSONL, one `datasets` config per held-out task:',
        '',
        '```python',
        'from datasets import load_dataset',
        `ev = load_dataset("path/to/this/folder", "${firstEval.config_name}")`,
        '```',
        '',
      );
    return lines;
  }
  lines.push(
    'With the Hugging Face `datasets` library (the `configs` above say which files belong together):',
    '',
    '```python',
    'from datasets import load_dataset',
    'train = load_dataset("path/to/this/folder", split="train")',
  );
  if (firstEval)
    lines.push(`ev = load_dataset("path/to/this/folder", "${firstEval.config_name}")  # a held-out task`);
  lines.push('```', '');
  if (firstEval)
    lines.push(
      'Each held-out task is a config of its own (`validation` and `test` splits, every template per example),',
      'so loading the folder never mixes training and evaluation records.',
      '',
    );
  return lines;
}

function composition(input: CardInput): string[] {
  const clusterName = (id: string) => input.registry.clusters.find((c) => c.id === id)?.name ?? id;
  const licenseOf = (id: string) => input.registry.datasets.find((d) => d.id === id)?.license ?? 'unknown';
  const lines = ['## Composition', '', `- Seed: ${input.seed}`];
  if (input.heldOut) {
    lines.push(`- Held-out clusters: ${input.heldOut.clusters.map((c) => `\`${c}\``).join(', ')}`);
    for (const r of input.heldOut.removed.filter((x) => x.rule !== 'held out'))
      lines.push(`- Also removed from training: \`${r.cluster}\` (${r.rule})`);
  } else lines.push('- Held-out clusters: none');
  for (const s of input.settings) lines.push(`- ${s}`);
  lines.push(
    '',
    '| task | cluster | pool | rate | share | examples | licence |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const m of input.members)
    lines.push(
      `| ${cell(m.key)} | ${cell(clusterName(m.cluster))} | ${m.pool} | ${round(m.rate)} | ${(m.share * 100).toFixed(2)}% | ${m.count} | ${licenseOf(m.dataset)} |`,
    );
  lines.push('');
  if (input.eval.length) {
    lines.push(
      'Evaluation files (held-out tasks):',
      '',
      '| config | split | file | examples | records | licence |',
      '| --- | --- | --- | ---: | ---: | --- |',
    );
    for (const f of input.eval)
      lines.push(
        `| ${evalConfigName(f)} | ${f.split} | \`${f.file}\` | ${f.examples} | ${f.records} | ${licenseOf(f.dataset)} |`,
      );
    lines.push('');
  }
  if (input.skipped.length) {
    lines.push('Tasks left out (`--skip-unavailable`):', '');
    for (const s of input.skipped) lines.push(`- ${cell(`${s.dataset}/${s.task}`)}: ${s.reason}`);
    lines.push('');
  }
  return lines;
}

function sources(input: CardInput): string[] {
  const seen = new Set<string>();
  const rows: string[] = [];
  const fromSamples: string[] = [];
  const add = (key: string, origin: SourceOrigin | undefined) => {
    if (!origin || seen.has(key)) return;
    seen.add(key);
    if (origin.kind === 'samples') fromSamples.push(key);
    else rows.push(`| ${cell(key)} | ${originCells(origin)} |`);
  };
  for (const m of input.members) add(m.key, m.origin);
  for (const f of input.eval) add(f.dataset === f.task ? f.dataset : `${f.dataset}/${f.task}`, f.origin);
  const lines = ['## Sources', ''];
  if (rows.length)
    lines.push(
      'Where each task was read (Hub repositories at the commit the build resolved):',
      '',
      '| task | source | config | revision | commit |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    );
  if (fromSamples.length)
    lines.push(
      `From the sample rows shipped with flanmix (a few rows per task, for trying it out): ${fromSamples.map((k) => cell(k)).join(', ')}.`,
      '',
    );
  return lines;
}

function originCells(o: SourceOrigin): string {
  if (o.kind === 'hub')
    return `\`${o.repo ?? '?'}\` | ${o.config ?? ''} | ${o.revision ?? ''} | ${o.commit ? `\`${o.commit}\`` : ''}`;
  return 'local files of the builder | | |';
}

interface DatasetLicense {
  id: string;
  name: string;
  license: string;
  homepage?: string;
}

/** Every dataset the build read (trained on or evaluated), in registry order. */
function datasetLicenses(input: CardInput): DatasetLicense[] {
  const used = new Set([...input.members.map((m) => m.dataset), ...input.eval.map((f) => f.dataset)]);
  return input.registry.datasets
    .filter((d) => used.has(d.id))
    .map((d) => ({
      id: d.id,
      name: d.name,
      license: d.license,
      ...(d.homepage ? { homepage: d.homepage } : {}),
    }));
}

function licenseSection(licenses: DatasetLicense[]): string[] {
  return [
    '## Licences',
    '',
    'The records are derived from the datasets below, each under its own terms. The licences are as each',
    "dataset's publisher states them, as far as flanmix's registry records them (`unknown` where it does not);",
    'check them at the source before you use or share this data. flanmix itself is Apache-2.0.',
    '',
    '| dataset | licence | homepage |',
    '| --- | --- | --- |',
    ...licenses.map((l) => `| ${cell(l.id)} (${cell(l.name)}) | ${l.license} | ${l.homepage ?? ''} |`),
    '',
  ];
}

function rebuild(input: CardInput): string[] {
  const flags = input.rebuild.flags.length ? ` ${input.rebuild.flags.join(' ')}` : '';
  const lines = [
    '## Rebuilding',
    '',
    "From this folder's manifest (every option that changes the output is in it; the same flanmix version",
    'gives the same bytes):',
    '',
    '```sh',
    'flanmix build --from-manifest manifest.json --out <new folder>',
    '```',
    '',
    'or with the flags that made it:',
    '',
    '```sh',
    `flanmix build --out <new folder>${flags}`,
    '```',
    '',
  ];
  if (input.rebuild.unflagged.length)
    lines.push(
      `Options without a flag (${input.rebuild.unflagged.join(', ')}) come from the manifest or a \`--config\` file.`,
      '',
    );
  return lines;
}

/** A table cell: `|` would end it, a line break would end the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** Rates are whole numbers unless a temperature bent them; 4 decimals are plenty to read. */
function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4);
}

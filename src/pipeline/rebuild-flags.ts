import { type BuildOptions, BuildOptionsSchema } from './options.js';

/**
 * The `flanmix build` flags that give a build with these options: only the options that differ from the
 * defaults, in a fixed order, with `<…>` placeholders where the value is a path on the builder's machine.
 * `unflagged` names options that no flag can set (a custom few-shot separator, a tokenizer's eos or pad);
 * such a build is repeated with `--from-manifest` or `--config`. The dataset card prints both.
 */
export function rebuildFlags(o: BuildOptions): { flags: string[]; unflagged: string[] } {
  const d = BuildOptionsSchema.parse({});
  const flags: string[] = [];
  const unflagged: string[] = [];
  const add = (flag: string, value?: string | number) =>
    flags.push(value === undefined ? flag : `${flag} ${value}`);
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

  if (o.source !== d.source) add('--source', o.source);
  if (o.dataDir !== undefined) add('--data-dir', '<your data folder>');
  for (let i = 0; i < o.registry.length; i++) add('--registry', '<your registry file>');
  for (let i = 0; i < o.templatesDir.length; i++) add('--templates-dir', '<your templates folder>');
  if (o.catalog) unflagged.push('catalog (library only)');
  if (o.heldOut.length) add('--held-out', [...o.heldOut].sort().join(','));
  if (o.datasets) add('--datasets', [...o.datasets].sort().join(','));
  if (o.seed !== d.seed) add('--seed', o.seed);
  if (o.cap !== d.cap) add('--cap', o.cap);
  if (o.rateMax !== d.rateMax) add('--rate-max', o.rateMax);
  if (o.temperature !== d.temperature) add('--temperature', o.temperature);
  if (o.total !== undefined) add('--total', o.total);
  if (o.validationSize !== undefined) add('--validation-size', o.validationSize);
  if (o.skipUnavailable) add('--skip-unavailable');
  if (o.shards !== d.shards) add('--shards', o.shards);
  if (o.gzip) add('--gzip');
  if (o.format !== d.format) add('--format', o.format);
  if (o.optionsStyle !== d.optionsStyle) add('--options-style', o.optionsStyle);
  if (o.templates !== d.templates) add('--templates', o.templates);
  if (o.fewShot.k !== d.fewShot.k) add('--few-shot', o.fewShot.k);
  if (o.fewShot.maxInputTokens !== d.fewShot.maxInputTokens)
    add('--few-shot-max-tokens', o.fewShot.maxInputTokens);
  if (typeof o.fewShot.separators !== 'string') unflagged.push('fewShot.separators');
  else if (o.fewShot.separators !== d.fewShot.separators) add('--separators', o.fewShot.separators);
  if (o.lamda) add('--lamda');
  if (!o.eval) add('--no-eval');
  if (o.evalAllTemplates) add('--eval-all-templates');
  if (o.evalLimit !== undefined) add('--eval-limit', o.evalLimit);
  if (o.output !== d.output) add('--output', o.output);
  if (differs(o.fields, d.fields)) add('--fields', o.fields.join(','));
  tokenizerFlags(o, add, unflagged);
  packFlags(o, d, add);
  return { flags, unflagged };
}

function tokenizerFlags(
  o: BuildOptions,
  add: (flag: string, value?: string | number) => void,
  unflagged: string[],
): void {
  const t = o.tokenizer;
  if (!t) return;
  if (t.kind === 'file') add('--tokenizer', '<your tokenizer.json>');
  else if (t.kind === 'hub') add('--tokenizer', `hub:${t.repo}${t.revision ? `@${t.revision}` : ''}`);
  // The default tokenizer is implied by packed outputs; with text output it is named to count few-shot tokens.
  else if (o.output === 'text' || o.output === 'parquet') add('--tokenizer', 'default');
  if (t.specialTokens !== 'text') add('--special-tokens', t.specialTokens);
  if (t.eos !== undefined) unflagged.push('tokenizer.eos');
  if (t.pad !== undefined) unflagged.push('tokenizer.pad');
  if (t.bos !== undefined) unflagged.push('tokenizer.bos');
}

function packFlags(
  o: BuildOptions,
  d: BuildOptions,
  add: (flag: string, value?: string | number) => void,
): void {
  // Pack options exist only for packed outputs (the CLI refuses them with text).
  if (o.output === 'text' || o.output === 'parquet') return;
  const p = o.pack;
  const q = d.pack;
  if (p.layout !== q.layout) add('--layout', p.layout);
  if (p.packer !== q.packer) add('--packer', p.packer);
  if (p.inputLength !== q.inputLength) add('--input-length', p.inputLength);
  if (p.targetLength !== q.targetLength) add('--target-length', p.targetLength);
  if (p.length !== undefined) add('--length', p.length);
  if (p.window !== q.window) add('--pack-window', p.window);
  if (p.keep.length) add('--keep-text', p.keep.join(','));
  if (p.bos) add('--bos');
}

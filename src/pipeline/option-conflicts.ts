import type { BuildOptionsInput } from './options.js';

/**
 * Options that contradict each other, or that the build would ignore in silence: the first one found, as a
 * message, or undefined. `name` turns a field path (`pack.length`) into what the caller typed (`--length`).
 * `asGiven`: the options are as the user gave them, before defaults, so "given but unused" can be told
 * (the CLI); without it only the checks that defaults cannot trigger run (buildMixture's parsed options).
 */
export function optionConflict(
  o: BuildOptionsInput,
  name: (field: string) => string = (f) => f,
  asGiven = true,
): string | undefined {
  const output = o.output ?? 'text';
  const pack = o.pack ?? {};
  const given = (Object.keys(pack) as (keyof typeof pack)[]).filter((k) => pack[k] !== undefined);
  if (asGiven && output === 'text' && given.length > 0)
    return `${name(`pack.${given[0]}`)} applies to packed outputs only (${name('output')} tfrecord or packed-jsonl); text output is not packed`;
  if (o.gzip && output === 'tfrecord')
    return `${name('gzip')} does not apply to ${name('output')} tfrecord (TFRecord shards are written uncompressed; packed-jsonl can be gzipped)`;
  const layout = pack.layout ?? 'enc-dec';
  if (pack.length !== undefined && layout !== 'decoder-only')
    return `${name('pack.length')} is the decoder-only row length; the ${layout} layout takes ${name('pack.inputLength')} and ${name('pack.targetLength')}`;
  const packer = pack.packer ?? 'best-fit';
  if (pack.bos && (output === 'text' || output === 'parquet'))
    return `${name('pack.bos')} applies to packed outputs only (${name('output')} tfrecord or packed-jsonl)`;
  if (pack.bos && layout !== 'decoder-only')
    return `${name('pack.bos')} applies to the decoder-only layout only (${name('pack.layout')} decoder-only); enc-dec rows start without BOS`;
  if (pack.bos && packer === 'none')
    return `${name('pack.bos')} applies to packed rows; ${name('pack.packer')} none writes unpacked token lists`;
  if (asGiven && pack.window !== undefined && packer !== 'best-fit')
    return `${name('pack.window')} applies to the best-fit packer only, not ${packer}`;
  const evalGiven = (['evalLimit', 'evalAllTemplates'] as const).find(
    (k) => o[k] !== undefined && o[k] !== false,
  );
  if (evalGiven && o.eval === false)
    return `${name(evalGiven)} contradicts ${name('eval')}: no evaluation files are written`;
  if (evalGiven && !o.heldOut?.length)
    return `${name(evalGiven)} needs ${name('heldOut')}: evaluation files are written for held-out clusters only`;
  const source = o.source ?? 'samples';
  if (source !== 'hub') {
    const hubOnly = (['hubEndpoint', 'cacheDir', 'offline', 'hubCommits'] as const).find(
      (k) => o[k] !== undefined && o[k] !== false,
    );
    if (hubOnly) return `${name(hubOnly)} applies to ${name('source')} hub only, not ${source}`;
  }
  // dataDir is meaningful with every source: with samples or hub it adds a user's own datasets' files.
  return undefined;
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Registry } from '../registry/schema.js';
import { VERSION } from '../version.js';
import { CARD, type CardInput, datasetCard } from '../write/dataset-card.js';
import { writeError } from '../write/file-error.js';
import type { BuildOptions } from './options.js';
import { rebuildFlags } from './rebuild-flags.js';

/** What the card needs from a finished build besides its options and registry. */
export interface CardBuild
  extends Pick<CardInput, 'heldOut' | 'members' | 'skipped' | 'shards' | 'eval' | 'examples'> {
  packed?: { tokenizer: { name: string; hash: string }; rows: number };
}

/** Writes the build's dataset card (README.md) into `dir`, the staging folder. */
export async function writeDatasetCard(
  dir: string,
  options: BuildOptions,
  registry: Registry,
  build: CardBuild,
): Promise<void> {
  const text = datasetCard({
    version: VERSION,
    seed: options.seed,
    output: options.output,
    settings: settings(options, build),
    registry,
    heldOut: build.heldOut,
    members: build.members,
    skipped: build.skipped,
    shards: build.shards,
    eval: build.eval,
    examples: build.examples,
    rebuild: rebuildFlags(options),
  });
  const path = join(dir, CARD);
  try {
    await writeFile(path, text);
  } catch (e) {
    throw writeError(e, path);
  }
}

/** One line per setting that shapes the records, in words. */
function settings(o: BuildOptions, build: CardBuild): string[] {
  const lines = [
    `Per task: at most ${o.cap} training examples; mixing rates examples-proportional with a maximum of ${o.rateMax}` +
      (o.temperature === 1 ? '' : `, temperature ${o.temperature}`),
    `Templates: ${typeof o.templates === 'number' ? `the first ${o.templates}` : o.templates}; format ${o.format}; options block ${o.optionsStyle}`,
    o.fewShot.k > 0
      ? `Few-shot: up to ${o.fewShot.k} exemplars within ${o.fewShot.maxInputTokens} tokens (separators ${typeof o.fewShot.separators === 'string' ? o.fewShot.separators : 'custom'})`
      : 'Few-shot: none (zero-shot)',
  ];
  if (o.lamda) lines.push('Inputs wrapped in the LaMDA-PT dialogue format (`0 {x} X 1 FLAN`)');
  if (o.output === 'text' || o.output === 'parquet')
    lines.push(`Records: text, input field \`${o.fields[0]}\`, target field \`${o.fields[1]}\``);
  else {
    const p = o.pack;
    const lengths =
      p.layout === 'enc-dec'
        ? `inputs ${p.inputLength}, targets ${p.targetLength}`
        : `rows of ${p.length ?? p.inputLength + p.targetLength}`;
    const tokenizer = build.packed
      ? build.packed.tokenizer.name.startsWith('file:')
        ? `a tokenizer.json of the builder's (sha256 ${build.packed.tokenizer.hash})`
        : build.packed.tokenizer.name
      : '';
    lines.push(
      `Packing: ${p.layout} layout, ${p.packer} packer, ${lengths} tokens${p.bos ? ', BOS at the start of each example' : ''}` +
        (build.packed ? `; ${build.packed.rows} rows` : ''),
      `Tokenizer: ${tokenizer}`,
    );
  }
  return lines;
}

export { CARD };

import { buildMixture } from '../../pipeline/build-mixture.js';
import { buildOptionsFromFlags, MIX_FLAGS, OUTPUT_FLAGS } from '../build-flags.js';
import { CATALOG_FLAGS, catalogFiles } from '../catalog-flags.js';
import { type Command, UsageError } from '../command.js';
import { FROM_MANIFEST_FLAGS, optionsFromManifestFlags } from '../from-manifest.js';
import { makeProgress, PROGRESS_FLAGS } from '../progress.js';
import { table } from '../table.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'build a mixture: JSONL shards, evaluation files for held-out clusters, manifest.json',
  usage: 'build --out DIR [--source samples|hub|local] [--held-out C…] [options]',
  flags: { ...MIX_FLAGS, ...CATALOG_FLAGS, ...OUTPUT_FLAGS, ...PROGRESS_FLAGS, ...FROM_MANIFEST_FLAGS },
  details: [
    'Examples:',
    '  flanmix build --out out/demo                          # all 62 datasets, shipped sample rows',
    '  flanmix build --out out/no-nli --held-out nli --seed 1',
    '  flanmix build --out out/hub --source hub --skip-unavailable',
    '  flanmix build --config mixture.json --out out/x       # options from a JSON file, flags win',
    '  flanmix build --from-manifest out/x/manifest.json --out out/y   # the same build again, byte for byte',
    '  flanmix build --out out/tf --output tfrecord          # tokenized, packed 1024/256 enc-dec TFRecords',
    '  flanmix build --out out/lm --output tfrecord --layout decoder-only --tokenizer ./tokenizer.json',
  ].join('\n'),
  async run(values, _positionals, io) {
    const options =
      values['from-manifest'] !== undefined
        ? optionsFromManifestFlags(values, io)
        : { ...buildOptionsFromFlags(values, true), ...catalogFiles(values) };
    if (!options.out) throw new UsageError('--out DIR is required (the output folder)');
    const started = Date.now();
    const result = await buildMixture(options, { progress: makeProgress(io, values), env: io.env });
    const seconds = (Date.now() - started) / 1000;
    const rows = result.members.map((m) => [m.key, m.cluster, m.pool, m.rate, m.count]);
    io.stderr(table(['member', 'cluster', 'pool', 'rate', 'examples'], rows));
    for (const s of result.skipped) io.stderr(`skipped ${s.dataset}/${s.task}: ${s.reason}\n`);
    for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
    for (const m of result.members)
      if (m.counts.invalidUtf8)
        io.stderr(
          `warning: ${m.key}: ${m.counts.invalidUtf8.lines} lines are not valid UTF-8 (read with U+FFFD), first at ${m.counts.invalidUtf8.first}\n`,
        );
    if (result.totals.cutBeforeTokenizing)
      io.stderr(
        `note: ${result.totals.cutBeforeTokenizing} texts were longer than any row holds and were cut before tokenizing (manifest: packed.report.cutBeforeTokenizing)\n`,
      );
    io.stderr(
      `${result.totals.members} members, ${result.totals.examples} examples` +
        `${result.totals.packedRows === undefined ? '' : ` packed into ${result.totals.packedRows} rows`}` +
        ` in ${result.totals.shards} shards` +
        `${result.eval.length ? `, ${result.totals.evalRecords} evaluation records in ${result.eval.length} files` : ''}` +
        `, ${seconds.toFixed(1)} s → ${result.manifest}\n`,
    );
    return 0;
  },
};

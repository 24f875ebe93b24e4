// Pure: packing of tokenized examples into fixed-length rows with seqio's feature names and semantics.
// The stages live beside it: item.ts (preparation), greedy.ts and best-fit.ts (placement), rows.ts.
import { FlanmixError, parseOptions } from '../registry/errors.js';
import type { TokenizedExample } from '../tokenize/types.js';
import { bestFitBins } from './best-fit.js';
import { greedyBins } from './greedy.js';
import { capacities, type PackReport, prepared, type SpecialIds } from './item.js';
import { type PackedRow, type PackOptions, type PackOptionsInput, PackOptionsSchema } from './options.js';
import { clearRow, decoderOnlyRow, encDecRow, rowArrays, rowLengths, singleRow } from './rows.js';

/** How rows are handed over (not part of the output: the rows' content is the same either way). */
export interface PackRuntime {
  /**
   * Every row's int features are the same buffers, overwritten when the next row is asked for. Only for
   * a consumer that is done with each row before pulling the next, as the shard writers are; it saves
   * allocating (and collecting) ~17 KB per row, which in a full build triggered most of the main
   * thread's garbage collections.
   */
  reuseRows?: boolean;
}

/**
 * Packs tokenized examples into rows (PackedRow: feature name → Int32Array, plus kept text fields as one
 * string per segment). EOS is appended to inputs and targets; over-long sequences are cut so they still
 * end in EOS. Segment ids count from 1 in each row, positions restart at 0 in each segment, padding is
 * `padId` with segment id, position and weights 0. Within a row, segments keep their arrival order.
 * Deterministic: same stream and options, same rows.
 */
export async function* packExamples(
  stream: AsyncIterable<TokenizedExample> | Iterable<TokenizedExample>,
  ids: SpecialIds,
  optionsInput: PackOptionsInput = {},
  report?: PackReport,
  runtime: PackRuntime = {},
): AsyncGenerator<PackedRow> {
  const o = parseOptions(PackOptionsSchema, optionsInput, 'pack option');
  if (o.bos) checkBos(o, ids);
  const items = prepared(stream, o, report);
  if (o.packer === 'none') {
    for await (const it of items) {
      if (report) report.rows++;
      yield singleRow(it, o, ids);
    }
    return;
  }
  const caps = capacities(o);
  const bins = o.packer === 'greedy' ? greedyBins(items, caps) : bestFitBins(items, caps, o.window);
  const build = o.layout === 'enc-dec' ? encDecRow : decoderOnlyRow;
  const lengths = rowLengths(o);
  const shared = runtime.reuseRows ? rowArrays(lengths) : undefined;
  for await (const bin of bins) {
    if (bin.length > 1) bin.sort((x, y) => x.seq - y.seq);
    if (report) report.rows++;
    if (shared) clearRow(shared);
    yield build(bin, o, ids, shared ?? rowArrays(lengths));
  }
}

/** `bos` applies to packed decoder-only rows, and needs a tokenizer with a BOS token. */
export function checkBos(
  o: Pick<PackOptions, 'layout' | 'packer'>,
  ids: SpecialIds & { name?: string },
): void {
  if (o.layout !== 'decoder-only')
    throw new FlanmixError(`pack option bos applies to the decoder-only layout only, not ${o.layout}`);
  if (o.packer === 'none')
    throw new FlanmixError('pack option bos applies to packed rows only, not to packer none');
  if (ids.bosId === undefined)
    throw new FlanmixError(
      `${ids.name ? `tokenizer ${ids.name}` : 'the tokenizer'} has no BOS token for pack option bos; name it (tokenizer option bos: a token or an id) or leave bos off`,
    );
}

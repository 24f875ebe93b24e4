// Pure: mixture records → token ids, in order, with a bounded number of batches in flight.
import type { Progress } from '../mixture/progress.js';
import type { MixtureRecord } from '../mixture/record.js';
import { cutText } from './cut.js';
import type { TokenizedExample, Tokenizer } from './types.js';

export interface TokenizeOptions {
  /** Records per encodeBatch call (each record contributes its inputs and its targets). Default 256. */
  batchSize?: number;
  /**
   * The tokenizer's worker count; default: its `concurrency`. Batches in flight are at least workers + 1
   * and cover at least READ_AHEAD_RECORDS records, so workers never wait for the consumer.
   */
  workers?: number;
  /** Advanced by the number of records as each batch is yielded (the caller starts and ends the phase). */
  progress?: Progress;
  /**
   * Longest inputs / targets in characters (see charBudget): longer text is cut (cutText) before it is
   * encoded, since the packer keeps no more of it than the row holds. Each cut is reported to `onCut`.
   */
  limits?: { inputs: number; targets: number };
  onCut?: (field: 'inputs' | 'targets') => void;
}

/**
 * Records dispatched ahead of the consumer. The packer works through half its window (4,096 examples by
 * default) in one synchronous stretch; with this much queued at the workers they keep encoding meanwhile
 * (measured on 2 cores, 600k-example build: whole build / tokenizer alone 1.30 with one batch ahead per
 * worker, 1.11–1.21 with this). Memory: about this many records and their ids.
 */
export const READ_AHEAD_RECORDS = 4096;

/**
 * Tokenizes a stream of mixture records, keeping their order whatever the number of workers: batches
 * are dispatched as records arrive and yielded strictly in dispatch order. Ids carry no EOS (the packer
 * appends it).
 */
export async function* tokenizeRecords(
  records: AsyncIterable<MixtureRecord> | Iterable<MixtureRecord>,
  tokenizer: Tokenizer,
  options: TokenizeOptions = {},
): AsyncGenerator<TokenizedExample> {
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const workers = Math.max(1, options.workers ?? tokenizer.concurrency ?? 1);
  const maxInFlight = Math.max(workers + 1, Math.ceil(READ_AHEAD_RECORDS / batchSize));
  const inFlight: Promise<TokenizedExample[]>[] = [];
  const { limits, onCut } = options;
  const limit = (text: string, field: 'inputs' | 'targets'): string => {
    if (!limits || text.length <= limits[field]) return text;
    onCut?.(field);
    return cutText(text, limits[field]);
  };
  const dispatch = (batch: MixtureRecord[]) => {
    const texts: string[] = new Array(batch.length * 2);
    for (let i = 0; i < batch.length; i++) {
      texts[2 * i] = limit(batch[i]!.inputs, 'inputs');
      texts[2 * i + 1] = limit(batch[i]!.targets, 'targets');
    }
    const p = tokenizer
      .encodeBatch(texts)
      .then((ids) => batch.map((record, i) => ({ record, inputs: ids[2 * i]!, targets: ids[2 * i + 1]! })));
    // Rejections surface when this batch's turn comes; don't let them count as unhandled meanwhile.
    p.catch(() => {});
    inFlight.push(p);
  };
  const next = async function* () {
    const done = await inFlight.shift()!;
    options.progress?.advance(done.length);
    yield* done;
  };
  let batch: MixtureRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= batchSize) {
      dispatch(batch);
      batch = [];
      if (inFlight.length >= maxInFlight) yield* next();
    }
  }
  if (batch.length > 0) dispatch(batch);
  while (inFlight.length > 0) yield* next();
}

// Pure: mixture records → token ids, in order, with a bounded number of batches in flight.
import type { Progress } from '../mixture/progress.js';
import type { MixtureRecord } from '../mixture/record.js';
import type { TokenizedExample, Tokenizer } from './types.js';

export interface TokenizeOptions {
  /** Records per encodeBatch call (each record contributes its inputs and its targets). Default 256. */
  batchSize?: number;
  /**
   * Batches encoded at once; default: the tokenizer's `concurrency` (its worker count). One more batch
   * is kept in flight so workers never wait for the consumer. Memory: (workers + 1) × batchSize records.
   */
  workers?: number;
  /** Advanced by the number of records as each batch is yielded (the caller starts and ends the phase). */
  progress?: Progress;
}

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
  const maxInFlight = Math.max(1, options.workers ?? tokenizer.concurrency ?? 1) + 1;
  const inFlight: Promise<TokenizedExample[]>[] = [];
  const dispatch = (batch: MixtureRecord[]) => {
    const texts: string[] = new Array(batch.length * 2);
    for (let i = 0; i < batch.length; i++) {
      texts[2 * i] = batch[i]!.inputs;
      texts[2 * i + 1] = batch[i]!.targets;
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

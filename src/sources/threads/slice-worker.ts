// Node only: a reading thread of slice-threads.ts. It reads and adapts the training slices it is sent with a
// local source of its own, which spills into this thread's file of the planning thread's spill folder; only
// where each example lies goes back, never the examples.
import { parentPort, workerData } from 'node:worker_threads';
import { declarativeAdapter } from '../../adapters/declarative.js';
import { ADAPTERS } from '../../adapters/index.js';
import type { Adapter } from '../../adapters/types.js';
import type { Pool } from '../../mixture/pool.js';
import type { Progress } from '../../mixture/progress.js';
import { FlanmixError, OptionError } from '../../registry/errors.js';
import { SourceError, SourceUnavailableError } from '../errors.js';
import { LocalSource } from '../local.js';
import { type SpillExtent, type SpilledPool, SpillStore } from '../spill.js';
import type { SliceJob, SliceReply, SliceWorkerData, ThreadError } from './protocol.js';

/** Rows between progress messages (a message per row would cost more than the row). */
const ROWS_PER_MESSAGE = 2000;

const data = workerData as SliceWorkerData;
const port = parentPort!;
const source = new LocalSource(data.dir, new SpillStore({ dir: data.spillDir, file: data.spillFile }));

function post(reply: SliceReply, transfer: ArrayBuffer[] = []) {
  port.postMessage(reply, transfer);
}

function adapterFor(job: SliceJob): Adapter<unknown> {
  const adapter =
    job.adapter === 'builtin' ? ADAPTERS[job.ref.dataset.id] : declarativeAdapter(job.ref.dataset);
  if (!adapter) throw new Error(`dataset "${job.ref.dataset.id}" has no built-in adapter`);
  return adapter as Adapter<unknown>;
}

function threadError(e: unknown): ThreadError {
  if (e instanceof SourceUnavailableError)
    return {
      name: e.name,
      message: e.message,
      kind: 'unavailable',
      unavailable: { dataset: e.dataset, task: e.task, reason: e.reason },
    };
  if (e instanceof Error) {
    const kind =
      e instanceof SourceError
        ? 'source'
        : e instanceof OptionError
          ? 'option'
          : e instanceof FlanmixError
            ? 'flanmix'
            : 'bug';
    return { name: e.name, message: e.message, kind, ...(e.stack ? { stack: e.stack } : {}) };
  }
  return { name: 'Error', message: String(e), kind: 'bug' };
}

/** Where a slice's examples lie in this thread's spill file (an empty slice holds none). */
function extentOf(pool: Pool): SpillExtent {
  if ('extent' in pool) return (pool as SpilledPool).extent;
  if (pool.size === 0) return { offsets: new Float64Array(0), lengths: new Uint32Array(0) };
  throw new Error('internal: a reading thread made a pool outside its spill file');
}

async function run(job: SliceJob) {
  let rows = 0;
  const flushRows = () => {
    if (rows > 0) post({ id: job.id, rows });
    rows = 0;
  };
  const progress: Progress = {
    start() {},
    advance(n) {
      rows += n;
      if (rows >= ROWS_PER_MESSAGE) flushRows();
    },
    done: flushRows,
  };
  try {
    const slice = await source.trainingSlice(job.ref, {
      adapter: adapterFor(job),
      seed: job.seed,
      cap: job.cap,
      ...(job.validationSize !== undefined ? { validationSize: job.validationSize } : {}),
      progress,
    });
    flushRows();
    const train = extentOf(slice.train);
    const validation = extentOf(slice.validation);
    post({ id: job.id, slice: { counts: slice.counts, origin: slice.origin, train, validation } }, [
      train.offsets.buffer as ArrayBuffer,
      train.lengths.buffer as ArrayBuffer,
      validation.offsets.buffer as ArrayBuffer,
      validation.lengths.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    flushRows();
    post({ id: job.id, error: threadError(e) });
  }
}

// One job at a time, in the order they come: the planning thread sends the next when this one answers.
port.on('message', (job: SliceJob) => void run(job));

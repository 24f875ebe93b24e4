// Node only: training slices of many tasks read on several threads at once. Reading parquet and adapting rows
// is the one long stretch of a build that used a single core (the tokenizer threads start after it); each
// reading thread takes the next task as it finishes one. A slice depends only on its task, the seed and the
// cap, never on which thread read it or when, so the mixture is byte-identical for any thread count.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isDeclarative } from '../../adapters/declarative.js';
import { ADAPTERS } from '../../adapters/index.js';
import type { Adapter } from '../../adapters/types.js';
import { FlanmixError, OptionError } from '../../registry/errors.js';
import type { TaskRef } from '../../registry/load.js';
import { SourceError, SourceUnavailableError } from '../errors.js';
import type { SpillFolder } from '../spill.js';
import type { SliceRequest, SliceResults, SliceThreadOptions, TrainingSlice } from '../types.js';
import type { AdapterKind, SliceJob, SliceReply, SliceWorkerData, ThreadError } from './protocol.js';

/** V8 young generation of each reading thread, in MB: its garbage (decoded pages, rows) is short-lived. */
const YOUNG_GENERATION_MB = 8;

/** How a thread can get this adapter, or undefined when only this thread can run it (a code adapter). */
export function adapterKind(ref: TaskRef, adapter: Adapter<unknown> | undefined): AdapterKind | undefined {
  if (adapter === undefined || adapter === ADAPTERS[ref.dataset.id]) return 'builtin';
  if (isDeclarative(adapter) && ref.dataset.adapter) return 'declarative';
  return undefined;
}

/**
 * How to start a reading thread: `slice-worker.js` beside this code in the package's dist/, or, when flanmix
 * runs from its TypeScript sources (its own tests), `slice-worker.ts` loaded through tsx's loader. Undefined
 * when neither can run: reading then stays on this thread.
 */
let found: { url: URL | string; eval: boolean } | undefined | null = null;
function workerModule(): { url: URL | string; eval: boolean } | undefined {
  if (found === null) found = findWorkerModule();
  return found;
}

function findWorkerModule(): { url: URL | string; eval: boolean } | undefined {
  const here = import.meta.url;
  const js = new URL('./slice-worker.js', here);
  if (existsSync(fileURLToPath(js))) return { url: js, eval: false };
  const ts = new URL('./slice-worker.ts', here);
  if (!existsSync(fileURLToPath(ts))) return undefined;
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(ts.href)}); })`;
  return { url: boot, eval: true };
}

/** Whether reading threads can run here at all. */
export function canReadOnThreads(): boolean {
  return workerModule() !== undefined;
}

/** The error again on this thread, of the class a caller tells apart (instanceof, the CLI's exit code). */
function rebuild(e: ThreadError): Error {
  let error: Error;
  if (e.unavailable)
    return new SourceUnavailableError(e.unavailable.dataset, e.unavailable.task, e.unavailable.reason);
  if (e.kind === 'source') error = new SourceError(e.message);
  else if (e.kind === 'option') error = new OptionError(e.message);
  else if (e.kind === 'flanmix') error = new FlanmixError(e.message);
  else {
    error = new Error(e.message);
    if (e.stack) error.stack = e.stack;
  }
  error.name = e.name;
  return error;
}

/**
 * Reads the requests' training slices on up to `threads` worker threads, each with a local source over `dir`
 * spilling into its own file of `spill`. Requests go out in order, one per idle thread; the results are
 * those trainingSlice would give one by one. Every request's adapter must have an adapterKind.
 */
export async function readSlicesOnThreads(
  dir: string,
  requests: readonly SliceRequest[],
  spill: SpillFolder,
  options: SliceThreadOptions,
): Promise<SliceResults> {
  const module = workerModule();
  if (!module) throw new FlanmixError('internal: reading threads cannot start here');
  const results: SliceResults = new Array(requests.length).fill(undefined);
  const threads = Math.max(1, Math.min(options.threads, requests.length));
  const progress = options.progress;
  let next = 0;
  let stopped = false;
  const workers: Worker[] = [];

  const runThread = () =>
    new Promise<void>((resolveThread) => {
      const file = `${spill.nextName()}.spill`;
      const worker = new Worker(module.url, {
        eval: module.eval,
        workerData: { dir, spillDir: spill.dir, spillFile: file } satisfies SliceWorkerData,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      workers.push(worker);
      let current: number | undefined;
      const finish = () => {
        current = undefined;
        void worker.terminate();
        resolveThread();
      };
      const give = () => {
        if (stopped || next >= requests.length) return finish();
        current = next++;
        const { ref, options: o } = requests[current]!;
        const job: SliceJob = {
          id: current,
          ref,
          adapter: adapterKind(ref, o.adapter)!,
          seed: o.seed,
          cap: o.cap,
          ...(o.validationSize !== undefined ? { validationSize: o.validationSize } : {}),
        };
        worker.postMessage(job);
      };
      const settle = (id: number, result: PromiseSettledResult<TrainingSlice>) => {
        results[id] = result;
        if (result.status === 'rejected' && options.stop?.(result.reason)) stopped = true;
        give();
      };
      worker.on('message', (reply: SliceReply) => {
        // A reply after the thread was given up on (its failure is recorded) changes nothing.
        if (reply.id !== current) return;
        if ('rows' in reply) progress?.advance(reply.rows);
        else if ('error' in reply) settle(reply.id, { status: 'rejected', reason: rebuild(reply.error) });
        else {
          const { ref } = requests[reply.id]!;
          const { counts, origin, train, validation } = reply.slice;
          settle(reply.id, {
            status: 'fulfilled',
            value: {
              ref,
              counts,
              origin,
              train: spill.pool(file, train),
              validation: spill.pool(file, validation),
            },
          });
        }
      });
      // A thread that dies (out of memory, a bug) fails the task it held and ends the read.
      const died = (why: string) => {
        if (current !== undefined)
          results[current] = {
            status: 'rejected',
            reason: new FlanmixError(`reading thread failed on ${requests[current]!.ref.key}: ${why}`),
          };
        stopped = true;
        finish();
      };
      worker.on('error', (e) => died(e.message));
      worker.on('exit', (code) =>
        current !== undefined ? died(`it exited with code ${code}`) : resolveThread(),
      );
      give();
    });

  try {
    await Promise.all(Array.from({ length: threads }, () => runThread()));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

// Node only: the pure-JS encoder on worker threads, one tokenizer per worker, batches dispatched to
// whichever worker is idle. Ids are those of createTextEncoder (js-tokenizer.ts): the worker below runs
// the same steps, and test/tokenize checks the two agree.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  type PreparedTokenizer,
  SpecialTokenTextError,
  TokenizerError,
  WORD_CACHE_LIMITS,
} from './prepare.js';
import type { Tokenizer, TokenizerMeta } from './types.js';
import { createWordEncoder } from './word-bpe.js';
import { createWordSplitEncoder } from './word-split.js';

// Plain CommonJS, evaluated by the worker (`eval: true`), so it runs the same under tsx, vitest and the
// tsup bundle without a separate worker file. Keep in step with createTextEncoder.
// createWordEncoder and createWordSplitEncoder are self-contained (no imports, no module state) so that its source can be evaluated here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const d = workerData;
const createWordEncoder = (${createWordEncoder.toString()});
const createWordSplitEncoder = (${createWordSplitEncoder.toString()});
// The integer BPE needs only the vocabulary and merges; the library is loaded only when it cannot be used.
const fast = d.wordSplit ? createWordEncoder(JSON.parse(d.json)) : undefined;
const hf = fast ? undefined : new (require(d.libPath).Tokenizer)(JSON.parse(d.json), {});
const model = hf && hf.model;
const vocab = model && model.tokens_to_ids;
const unk = model ? model.unk_token_id ?? 0 : 0;
const encodeWordUncached = fast ?? ((word) => {
  const pieces = model([word]);
  const wi = new Int32Array(pieces.length);
  for (let i = 0; i < pieces.length; i++) wi[i] = vocab.get(pieces[i]) ?? unk;
  return wi;
});
const words = d.wordSplit ? createWordSplitEncoder(encodeWordUncached, d.cacheLimits) : undefined;
const control = new Set(d.controlIds);
function guard(text) {
  if (d.policy !== 'error') return;
  for (const s of d.specials) {
    if (s.content !== '' && text.includes(s.content)) {
      const e = new Error('special'); e.kind = 'special'; e.token = s.content; e.text = text; throw e;
    }
  }
}
function checkControl(ids, texts, lengths) {
  if (control.size === 0) return;
  for (let t = 0, at = 0; t < lengths.length; at += lengths[t++]) {
    for (let i = at; i < at + lengths[t]; i++) {
      if (control.has(ids[i])) {
        const e = new Error('text encoded to the control id ' + ids[i] + ': ' + JSON.stringify(texts[t].slice(0, 120)));
        e.kind = 'control'; throw e;
      }
    }
  }
}
parentPort.on('message', (job) => {
  try {
    // Texts arrive as one string and their lengths (one structured clone instead of one per text); their
    // ids go back as one array and their lengths.
    const n = job.lengths.length;
    const texts = new Array(n);
    for (let i = 0, at = 0; i < n; i++) { texts[i] = job.joined.slice(at, at + job.lengths[i]); at += job.lengths[i]; }
    const lengths = new Int32Array(n);
    let flat;
    if (words) {
      for (let i = 0; i < n; i++) { guard(texts[i]); lengths[i] = words.append(texts[i]); }
      flat = words.take();
    } else {
      const parts = texts.map((text) => { guard(text); return hf.encode(text, { add_special_tokens: false }).ids; });
      let total = 0;
      for (let i = 0; i < n; i++) { lengths[i] = parts[i].length; total += parts[i].length; }
      flat = new Int32Array(total);
      let at = 0;
      for (const p of parts) { flat.set(p, at); at += p.length; }
    }
    checkControl(flat, texts, lengths);
    parentPort.postMessage({ id: job.id, flat, lengths }, [flat.buffer, lengths.buffer]);
  } catch (e) {
    if (words) words.take();
    parentPort.postMessage({ id: job.id, error: { kind: e.kind, message: String(e && e.message), token: e.token, text: e.text } });
  }
});
`;

interface Job {
  id: number;
  texts: readonly string[];
  resolve: (ids: Int32Array[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs posted to this worker and not yet answered, oldest first (a worker answers in order). */
  jobs: Job[];
}

/**
 * Jobs queued at each worker at once. More than one keeps a worker busy while the main thread is in a
 * long synchronous stretch (packing a window of rows) and cannot hand it the next batch.
 */
const JOBS_PER_WORKER = 16;

/** V8 young generation of each tokenizer thread, in MB (see docs/packing.md, "What bounds memory"). */
const WORKER_YOUNG_GENERATION_MB = 8;

/** A Tokenizer whose encodeBatch runs on `workers` threads (batches in parallel, each batch in order). */
export function createWorkerTokenizer(
  prepared: PreparedTokenizer,
  meta: TokenizerMeta,
  workers: number,
): Tokenizer {
  const policy = meta.specialTokens ?? 'text';
  const libPath = createRequire(import.meta.url).resolve('@huggingface/tokenizers');
  const workerData = {
    libPath,
    json: JSON.stringify(prepared.json),
    wordSplit: prepared.wordSplit,
    cacheLimits: WORD_CACHE_LIMITS,
    policy,
    specials: prepared.specials,
    controlIds: prepared.controlIds,
  };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let failure: Error | undefined;
  let closed = false;

  const fail = (e: Error) => {
    failure ??= e;
    for (const s of slots) for (const j of s.jobs.splice(0)) j.reject(e);
    for (const j of queue.splice(0)) j.reject(e);
  };
  const pump = () => {
    while (queue.length > 0) {
      // The least-loaded worker takes the next job (the first one on ties: deterministic dispatch).
      let s: Slot | undefined;
      for (const c of slots)
        if (c.jobs.length < JOBS_PER_WORKER && (!s || c.jobs.length < s.jobs.length)) s = c;
      if (!s) return;
      const job = queue.shift()!;
      if (s.jobs.length === 0) s.worker.ref();
      s.jobs.push(job);
      const lengths = new Int32Array(job.texts.length);
      for (let i = 0; i < lengths.length; i++) lengths[i] = job.texts[i]!.length;
      s.worker.postMessage({ id: job.id, joined: job.texts.join(''), lengths }, [lengths.buffer]);
    }
  };
  for (let i = 0; i < workers; i++) {
    // A small young generation: a worker's garbage is short-lived (words, batch texts), and V8 would
    // otherwise let each thread's nursery grow to tens of MB (measured: ~12 MB less RSS per worker, same CPU).
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, jobs: [] };
    worker.unref();
    worker.on(
      'message',
      (msg: { id: number; flat?: Int32Array; lengths?: Int32Array; error?: WorkerFailure }) => {
        const job = slot.jobs[0]?.id === msg.id ? slot.jobs.shift() : undefined;
        if (slot.jobs.length === 0) worker.unref();
        if (job) {
          if (msg.error) job.reject(rebuildError(msg.error));
          else job.resolve(split(msg.flat!, msg.lengths!));
        }
        pump();
      },
    );
    worker.on('error', (e) => fail(new TokenizerError(`tokenizer worker failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!closed && code !== 0) fail(new TokenizerError(`tokenizer worker exited with code ${code}`));
    });
    slots.push(slot);
  }

  return {
    name: meta.name,
    hash: meta.hash,
    eosId: prepared.eosId,
    padId: prepared.padId,
    ...(prepared.bosId !== undefined ? { bosId: prepared.bosId } : {}),
    vocabSize: prepared.vocabSize,
    // The same cut-before-tokenizing budget as the single-thread encoder, so the manifest's cut counts
    // do not depend on the number of cores.
    maxTokenChars: prepared.maxTokenChars,
    backend: 'js-workers',
    concurrency: workers,
    specialTokens: policy,
    encodeBatch(texts) {
      if (closed) return Promise.reject(new TokenizerError('tokenizer is closed'));
      if (failure) return Promise.reject(failure);
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise<Int32Array[]>((resolve, reject) => {
        queue.push({ id: nextId++, texts: [...texts], resolve, reject });
        pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      fail(new TokenizerError('tokenizer is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

interface WorkerFailure {
  kind?: string;
  message: string;
  token?: string;
  text?: string;
}

function rebuildError(e: WorkerFailure): Error {
  if (e.kind === 'special' && e.token !== undefined && e.text !== undefined)
    return new SpecialTokenTextError(e.token, e.text);
  return new TokenizerError(e.message);
}

function split(flat: Int32Array, lengths: Int32Array): Int32Array[] {
  const out = new Array<Int32Array>(lengths.length);
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    out[i] = flat.subarray(at, at + lengths[i]!);
    at += lengths[i]!;
  }
  return out;
}

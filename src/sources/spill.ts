import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example } from '../adapters/types.js';
import { arrayPool, type Pool } from '../mixture/pool.js';
import { FlanmixError } from '../registry/errors.js';

/** Where a source keeps adapted examples until the mixer reads them by index. */
export interface ExampleStore {
  /** Stores one example; returns its id (ids count up from 0). */
  add(example: Example): number;
  /** A pool over the given ids, in that order. */
  pool(ids: ArrayLike<number>): Pool;
  close(): void;
}

/** Examples in memory: for the shipped samples (a dozen rows per task). */
export class MemoryStore implements ExampleStore {
  private readonly examples: Example[] = [];
  add(example: Example): number {
    this.examples.push(example);
    return this.examples.length - 1;
  }
  pool(ids: ArrayLike<number>): Pool {
    return arrayPool(Array.from(ids, (id) => this.examples[id]!));
  }
  close(): void {
    this.examples.length = 0;
  }
}

const FLUSH_BYTES = 1 << 20;
const live = new Set<SpillStore>();
let exitHook = false;

/**
 * Examples on disk: one JSON line each in a temporary file, with an offset table in memory (12 bytes per
 * example), read back with `fs.readSync`. 67 tasks × 30k examples stay out of the heap. The folder is removed
 * by `close()`, or at process exit if a caller forgot.
 */
export class SpillStore implements ExampleStore {
  private dir: string | undefined;
  private fd: number | undefined;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readBuffer = Buffer.alloc(64 * 1024);
  private closed = false;

  constructor(private readonly parent: string = tmpdir()) {}

  /** The spill folder (created on first use), for tests and diagnostics. */
  get path(): string | undefined {
    return this.dir;
  }

  add(example: Example): number {
    if (this.closed) throw new FlanmixError('the source is closed');
    this.open();
    const bytes = Buffer.from(`${JSON.stringify(example)}\n`, 'utf8');
    if (this.count === this.offsets.length) this.grow();
    this.offsets[this.count] = this.written + this.pendingBytes;
    this.lengths[this.count] = bytes.length;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return this.count++;
  }

  pool(ids: ArrayLike<number>): Pool {
    this.flush();
    const order = Uint32Array.from(ids as ArrayLike<number>);
    for (const id of order) {
      if (id >= this.count) throw new RangeError(`spill id ${id} is outside 0..${this.count - 1}`);
    }
    return {
      size: order.length,
      get: (index: number): Example => {
        const id = order[index];
        if (id === undefined || !Number.isInteger(index))
          throw new RangeError(`pool index ${index} is outside 0..${order.length - 1}`);
        return this.read(id);
      },
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.pending = [];
  }

  private open(): void {
    if (this.fd !== undefined) return;
    this.dir = mkdtempSync(join(this.parent, 'flanmix-spill-'));
    this.fd = openSync(join(this.dir, 'examples.jsonl'), 'w+');
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const s of [...live]) s.close();
      });
    }
  }

  private grow(): void {
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }

  private flush(): void {
    if (this.pendingBytes === 0 || this.fd === undefined) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < data.length)
      done += writeSync(this.fd, data, done, data.length - done, this.written + done);
    this.written += data.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private read(id: number): Example {
    if (this.closed || this.fd === undefined) throw new FlanmixError('the source is closed');
    const length = this.lengths[id]!;
    if (this.readBuffer.length < length)
      this.readBuffer = Buffer.alloc(Math.max(length, this.readBuffer.length * 2));
    let done = 0;
    const offset = this.offsets[id]!;
    while (done < length) {
      const n = readSync(this.fd, this.readBuffer, done, length - done, offset + done);
      if (n === 0) throw new FlanmixError(`spill file ended early reading example ${id}`);
      done += n;
    }
    return JSON.parse(this.readBuffer.toString('utf8', 0, length)) as Example;
  }
}

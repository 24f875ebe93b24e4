import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Example } from '../adapters/types.js';
import { arrayPool, type Pool } from '../mixture/pool.js';
import { FlanmixError } from '../registry/errors.js';
import { compactRoom, decodeExample, encodeExample, jsonRoom } from './spill-codec.js';

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

/** Where each example of a pool lies in its spill file (byte offset and length), in pool order. */
export interface SpillExtent {
  offsets: Float64Array;
  lengths: Uint32Array;
}

/** A pool whose examples lie in a spill file; `extent` says where, so another thread can read them. */
export interface SpilledPool extends Pool {
  readonly extent: SpillExtent;
}

const FLUSH_BYTES = 1 << 20;
const live = new Set<{ close(): void }>();
let exitHook = false;

/** Closes (and so removes) every spill still open when the process exits, if a caller forgot. */
function track(spill: { close(): void }): void {
  live.add(spill);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const s of [...live]) s.close();
  });
}

/** Reads examples back from one spill file by offset and length (`fs.readSync`, one growing buffer). */
export class SpillReader {
  private fd: number | undefined;
  private buffer = Buffer.alloc(64 * 1024);

  constructor(readonly file: string) {}

  read(offset: number, length: number, id: number): Example {
    this.fd ??= openSync(this.file, 'r');
    if (this.buffer.length < length) this.buffer = Buffer.alloc(Math.max(length, this.buffer.length * 2));
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, this.buffer, done, length - done, offset + done);
      if (n === 0) throw new FlanmixError(`spill file ended early reading example ${id}`);
      done += n;
    }
    return decodeExample(this.buffer, 0, length);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** A pool over examples of a spill file, in the order of `extent`. */
export function spilledPool(reader: SpillReader, extent: SpillExtent, isOpen: () => boolean): SpilledPool {
  const { offsets, lengths } = extent;
  return {
    size: offsets.length,
    extent,
    get(index: number): Example {
      if (!Number.isInteger(index) || index < 0 || index >= offsets.length)
        throw new RangeError(`pool index ${index} is outside 0..${offsets.length - 1}`);
      if (!isOpen()) throw new FlanmixError('the source is closed');
      return reader.read(offsets[index]!, lengths[index]!, index);
    },
  };
}

/**
 * Examples on disk: one record each (spill-codec.ts) in a temporary file, with an offset table in memory (12 bytes per
 * example), read back with `fs.readSync`. 67 tasks × 30k examples stay out of the heap. By default the
 * store makes its own folder in the temporary directory and removes it on `close()` (or at process exit
 * if a caller forgot); given `{ dir, file }` it writes that file in a folder someone else owns and removes
 * (a reading thread's file in a SpillFolder, see threads/).
 */
export class SpillStore implements ExampleStore {
  private dir: string | undefined;
  private readonly file: string;
  private readonly owned: boolean;
  private readonly parent: string;
  private fd: number | undefined;
  private reader: SpillReader | undefined;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private written = 0;
  // Records are encoded straight into one buffer, flushed at FLUSH_BYTES (no Buffer per example).
  private pending = Buffer.allocUnsafe(FLUSH_BYTES * 2);
  private pendingBytes = 0;
  private closed = false;

  constructor(where: string | { dir: string; file: string } = tmpdir()) {
    if (typeof where === 'string') {
      this.parent = where;
      this.file = 'examples.spill';
      this.owned = true;
    } else {
      this.parent = where.dir;
      this.dir = where.dir;
      this.file = where.file;
      this.owned = false;
    }
  }

  /** The spill folder (created on first use), for tests and diagnostics. */
  get path(): string | undefined {
    return this.dir;
  }

  add(example: Example): number {
    if (this.closed) throw new FlanmixError('the source is closed');
    this.open();
    if (this.count === this.offsets.length) this.grow();
    const compact = compactRoom(example);
    const json = compact < 0 ? JSON.stringify(example) : undefined;
    const room = json === undefined ? compact : jsonRoom(json);
    if (this.pendingBytes + room > this.pending.length) this.flush();
    if (room > this.pending.length) {
      // A huge example (a long article cell) is written on its own, so the buffer stays its size.
      const big = Buffer.allocUnsafe(room);
      const n = encodeExample(example, json, big, 0);
      this.offsets[this.count] = this.written;
      this.lengths[this.count] = n;
      this.writeAll(big, n);
      return this.count++;
    }
    const end = encodeExample(example, json, this.pending, this.pendingBytes);
    this.offsets[this.count] = this.written + this.pendingBytes;
    this.lengths[this.count] = end - this.pendingBytes;
    this.pendingBytes = end;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return this.count++;
  }

  pool(ids: ArrayLike<number>): SpilledPool {
    this.flush();
    const n = ids.length;
    const extent: SpillExtent = { offsets: new Float64Array(n), lengths: new Uint32Array(n) };
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (!(id >= 0 && id < this.count))
        throw new RangeError(`spill id ${id} is outside 0..${this.count - 1}`);
      extent.offsets[i] = this.offsets[id]!;
      extent.lengths[i] = this.lengths[id]!;
    }
    this.reader ??= new SpillReader(join(this.dir ?? this.parent, this.file));
    return spilledPool(this.reader, extent, () => !this.closed && this.fd !== undefined);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    this.reader?.close();
    if (this.fd !== undefined) {
      this.flush();
      closeSync(this.fd);
    }
    this.fd = undefined;
    if (this.owned && this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private open(): void {
    if (this.fd !== undefined) return;
    if (this.owned) this.dir = mkdtempSync(join(this.parent, 'flanmix-spill-'));
    this.fd = openSync(join(this.dir!, this.file), 'w+');
    if (this.owned) track(this);
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
    this.writeAll(this.pending, this.pendingBytes);
    this.pendingBytes = 0;
  }

  private writeAll(data: Buffer, length: number): void {
    let done = 0;
    while (done < length) done += writeSync(this.fd!, data, done, length - done, this.written + done);
    this.written += length;
  }
}

/**
 * A spill folder that reading threads write into (one file each) and this thread reads from; removed on
 * `close()`, or at process exit (a signal's clean-up exits the process) if a caller forgot.
 */
export class SpillFolder {
  readonly dir: string;
  private readonly readers = new Map<string, SpillReader>();
  private files = 0;
  private closed = false;

  /** A file name no thread of this folder has used yet (a file written again would lose its pools). */
  nextName(): string {
    return `thread-${this.files++}`;
  }

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'flanmix-spill-'));
    track(this);
  }

  /** A pool over examples another thread wrote into `file` of this folder. */
  pool(file: string, extent: SpillExtent): SpilledPool {
    let reader = this.readers.get(file);
    if (!reader) {
      reader = new SpillReader(join(this.dir, file));
      this.readers.set(file, reader);
    }
    return spilledPool(reader, extent, () => !this.closed);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    for (const r of this.readers.values()) r.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

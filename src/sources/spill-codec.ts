// The spill's record format: an adapted example as length-prefixed UTF-8 strings. JSON cost a build most of
// its reading time (JSON.stringify of every example, JSON.parse of every one read back: ~10 s for 1.9 M
// examples); this writes each string with one native UTF-8 copy and reads it back with one.
//
//   record  = flags:u8 body
//   flags   = 1 options, 2 answers, 4 group, 8 languages; 128: body is the example as JSON (anything else)
//   body    = map(fields) [list(options)] [list(answers)] [string(group)] [map(languages)]
//   map     = count:u16 (string string)*     list = count:u16 string*     string = bytes:u32 UTF-8
import type { Example } from '../adapters/types.js';

const OPTIONS = 1;
const ANSWERS = 2;
const GROUP = 4;
const LANGUAGES = 8;
const JSON_BODY = 128;
// The record's parts in the order a decoded example has its keys; an example with another order goes as JSON.
const ORDER = new Map([
  ['fields', 0],
  ['options', 1],
  ['answers', 2],
  ['group', 3],
  ['languages', 4],
]);

/** UTF-8 cannot hold a lone surrogate (it would come back as U+FFFD); JSON escapes it. */
// String.prototype.isWellFormed is in Node 20 (ES2024); the project's lib is ES2023.
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * Bytes the compact record of `ex` takes at most (3 per UTF-16 unit, plus the prefixes), or -1 when the
 * example is not exactly what the compact form holds (a key it does not know, a value that is not a string).
 */
function compactRoom(ex: Example): number {
  let n = 16;
  let last = -1;
  for (const key in ex) {
    const at = ORDER.get(key);
    if (at === undefined || at < last) return -1;
    last = at;
  }
  const map = (o: unknown): boolean => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return false;
    let count = 0;
    for (const k in o) {
      const v = (o as Record<string, unknown>)[k];
      if (typeof v !== 'string' || !wellFormed(k) || !wellFormed(v)) return false;
      n += 8 + (k.length + v.length) * 3;
      count++;
    }
    return count < 65_536;
  };
  const list = (l: unknown): boolean => {
    if (!Array.isArray(l) || l.length >= 65_536) return false;
    for (const v of l) {
      if (typeof v !== 'string' || !wellFormed(v)) return false;
      n += 4 + v.length * 3;
    }
    return true;
  };
  if (!map(ex.fields)) return -1;
  if (ex.options !== undefined && !list(ex.options)) return -1;
  if (ex.answers !== undefined && !list(ex.answers)) return -1;
  if (ex.group !== undefined) {
    if (typeof ex.group !== 'string' || !wellFormed(ex.group)) return -1;
    n += 4 + ex.group.length * 3;
  }
  if (ex.languages !== undefined && !map(ex.languages)) return -1;
  return n;
}

/** Room encodeExample needs for `ex`, in bytes; `json` is set when the example goes in as JSON. */
export function recordRoom(ex: Example): { bytes: number; json?: string } {
  const n = compactRoom(ex);
  if (n >= 0) return { bytes: n };
  const json = JSON.stringify(ex);
  return { bytes: json.length * 3 + 1, json };
}

/** Writes one example's record into `buf` at `at`, which has `room` (recordRoom) bytes free; returns the end. */
export function encodeExample(ex: Example, room: { json?: string }, buf: Buffer, at: number): number {
  let p = at;
  const string = (s: string) => {
    const n = buf.write(s, p + 4, 'utf8');
    buf.writeUInt32LE(n, p);
    p += 4 + n;
  };
  const count = (n: number) => {
    buf.writeUInt16LE(n, p);
    p += 2;
  };
  if (room.json !== undefined) {
    buf[p++] = JSON_BODY;
    return p + buf.write(room.json, p, 'utf8');
  }
  buf[p++] =
    (ex.options ? OPTIONS : 0) |
    (ex.answers ? ANSWERS : 0) |
    (ex.group !== undefined ? GROUP : 0) |
    (ex.languages ? LANGUAGES : 0);
  const map = (o: Readonly<Record<string, string>>) => {
    const keys = Object.keys(o);
    count(keys.length);
    for (const k of keys) {
      string(k);
      string(o[k]!);
    }
  };
  const list = (l: readonly string[]) => {
    count(l.length);
    for (const s of l) string(s);
  };
  map(ex.fields);
  if (ex.options) list(ex.options);
  if (ex.answers) list(ex.answers);
  if (ex.group !== undefined) string(ex.group);
  if (ex.languages) map(ex.languages);
  return p;
}

/** Reads back the example of the record in `buf[start, end)`. */
export function decodeExample(buf: Buffer, start: number, end: number): Example {
  let p = start;
  const flags = buf[p++]!;
  if (flags & JSON_BODY) return JSON.parse(buf.toString('utf8', p, end)) as Example;
  const string = () => {
    const n = buf.readUInt32LE(p);
    const s = buf.toString('utf8', p + 4, p + 4 + n);
    p += 4 + n;
    return s;
  };
  const count = () => {
    const n = buf.readUInt16LE(p);
    p += 2;
    return n;
  };
  const map = () => {
    const o: Record<string, string> = {};
    for (let i = count(); i > 0; i--) {
      const k = string();
      const v = string();
      // As JSON.parse does: "__proto__" is an own key, never the prototype.
      if (k === '__proto__')
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      else o[k] = v;
    }
    return o;
  };
  const list = () => {
    const l: string[] = [];
    for (let i = count(); i > 0; i--) l.push(string());
    return l;
  };
  const ex: { -readonly [K in keyof Example]: Example[K] } = { fields: map() };
  if (flags & OPTIONS) ex.options = list();
  if (flags & ANSWERS) ex.answers = list();
  if (flags & GROUP) ex.group = string();
  if (flags & LANGUAGES) ex.languages = map();
  if (p !== end) throw new RangeError(`spill record ends at byte ${p}, expected ${end}`);
  return ex;
}

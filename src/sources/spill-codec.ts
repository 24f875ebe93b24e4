// The spill's record format: an adapted example as length-prefixed UTF-8 strings. JSON.stringify of every
// example was 28% of the reading's CPU (5.7 s of 20 s in a profile at full size), and JSON.parse of each one
// read back cost the mixing more; this writes each string with one native UTF-8 copy and reads it with one.
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

// Module-level helpers rather than closures: they run for every string of every example (1.9M examples
// at full size), and a closure per part per example was garbage for nothing.

/** Room for a map of strings (8 bytes of prefixes per entry), or -1 when it holds anything else. */
function mapRoom(o: unknown): number {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return -1;
  let n = 2;
  let count = 0;
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (typeof v !== 'string' || !wellFormed(k) || !wellFormed(v)) return -1;
    n += 8 + (k.length + v.length) * 3;
    count++;
  }
  return count < 65_536 ? n : -1;
}

/** Room for a list of strings, or -1 when it holds anything else. */
function listRoom(l: unknown): number {
  if (!Array.isArray(l) || l.length >= 65_536) return -1;
  let n = 2;
  for (const v of l) {
    if (typeof v !== 'string' || !wellFormed(v)) return -1;
    n += 4 + v.length * 3;
  }
  return n;
}

/**
 * Bytes the compact record of `ex` takes at most (3 per UTF-16 unit, plus the prefixes), or -1 when the
 * example is not exactly what the compact form holds (a key it does not know or in another order, a value
 * that is not a well-formed string): it then goes as JSON (jsonRoom).
 */
export function compactRoom(ex: Example): number {
  let last = -1;
  for (const key in ex) {
    const at = ORDER.get(key);
    if (at === undefined || at < last) return -1;
    last = at;
  }
  const fields = mapRoom(ex.fields);
  const options = ex.options === undefined ? 0 : listRoom(ex.options);
  const answers = ex.answers === undefined ? 0 : listRoom(ex.answers);
  const group =
    ex.group === undefined
      ? 0
      : typeof ex.group === 'string' && wellFormed(ex.group)
        ? 4 + ex.group.length * 3
        : -1;
  const languages = ex.languages === undefined ? 0 : mapRoom(ex.languages);
  if (fields < 0 || options < 0 || answers < 0 || group < 0 || languages < 0) return -1;
  return 1 + fields + options + answers + group + languages;
}

/** Bytes the JSON record of an example (its JSON text) takes at most. */
export function jsonRoom(json: string): number {
  return json.length * 3 + 1;
}

function putString(buf: Buffer, p: number, s: string): number {
  const n = buf.write(s, p + 4, 'utf8');
  buf.writeUInt32LE(n, p);
  return p + 4 + n;
}

function putMap(buf: Buffer, p: number, o: Readonly<Record<string, string>>): number {
  const keys = Object.keys(o);
  buf.writeUInt16LE(keys.length, p);
  p += 2;
  for (const k of keys) p = putString(buf, putString(buf, p, k), o[k]!);
  return p;
}

function putList(buf: Buffer, p: number, l: readonly string[]): number {
  buf.writeUInt16LE(l.length, p);
  p += 2;
  for (const s of l) p = putString(buf, p, s);
  return p;
}

/**
 * Writes one example's record into `buf` at `at`, which has compactRoom bytes free (or, with `json`, its
 * JSON text, jsonRoom bytes); returns the end.
 */
export function encodeExample(ex: Example, json: string | undefined, buf: Buffer, at: number): number {
  let p = at;
  if (json !== undefined) {
    buf[p++] = JSON_BODY;
    return p + buf.write(json, p, 'utf8');
  }
  buf[p++] =
    (ex.options ? OPTIONS : 0) |
    (ex.answers ? ANSWERS : 0) |
    (ex.group !== undefined ? GROUP : 0) |
    (ex.languages ? LANGUAGES : 0);
  p = putMap(buf, p, ex.fields);
  if (ex.options) p = putList(buf, p, ex.options);
  if (ex.answers) p = putList(buf, p, ex.answers);
  if (ex.group !== undefined) p = putString(buf, p, ex.group);
  if (ex.languages) p = putMap(buf, p, ex.languages);
  return p;
}

// Where the decoder stands in its record; decoding is synchronous, so one position serves every call.
let at = 0;

function getString(buf: Buffer): string {
  const n = buf.readUInt32LE(at);
  const s = buf.toString('utf8', at + 4, at + 4 + n);
  at += 4 + n;
  return s;
}

function getCount(buf: Buffer): number {
  const n = buf.readUInt16LE(at);
  at += 2;
  return n;
}

function getMap(buf: Buffer): Record<string, string> {
  const o: Record<string, string> = {};
  for (let i = getCount(buf); i > 0; i--) {
    const k = getString(buf);
    const v = getString(buf);
    // As JSON.parse does: "__proto__" is an own key, never the prototype.
    if (k === '__proto__')
      Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    else o[k] = v;
  }
  return o;
}

function getList(buf: Buffer): string[] {
  const l: string[] = [];
  for (let i = getCount(buf); i > 0; i--) l.push(getString(buf));
  return l;
}

/** Reads back the example of the record in `buf[start, end)`. */
export function decodeExample(buf: Buffer, start: number, end: number): Example {
  const flags = buf[start]!;
  if (flags & JSON_BODY) return JSON.parse(buf.toString('utf8', start + 1, end)) as Example;
  at = start + 1;
  const ex: { -readonly [K in keyof Example]: Example[K] } = { fields: getMap(buf) };
  if (flags & OPTIONS) ex.options = getList(buf);
  if (flags & ANSWERS) ex.answers = getList(buf);
  if (flags & GROUP) ex.group = getString(buf);
  if (flags & LANGUAGES) ex.languages = getMap(buf);
  if (at !== end) throw new RangeError(`spill record ends at byte ${at}, expected ${end}`);
  return ex;
}

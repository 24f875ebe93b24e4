// Python's notions of whitespace and word characters, for metrics whose reference implementations are Python:
// `str.split()` and `\s` use a slightly different set than JavaScript's `\s`, and Python's `\w` and `\b` are
// Unicode-aware where JavaScript's are ASCII-only.

/** The characters Python's `str.isspace()` accepts. */
const PY_SPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACE_RUNS = new RegExp(`[${PY_SPACE}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** `s.split()` in Python: split on runs of whitespace, no empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(SPACE_RUNS).filter((t) => t !== '');
}

/** `s.rstrip()` in Python. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING_SPACE, '');
}

/** Python's `\w` for str patterns: letters, digits and numerals of any script, and `_`. */
export const PY_WORD = '[\\p{L}\\p{N}_]';

// Bench corpus rows: a task's sample row with every word of its text replaced by a word drawn from the
// language's Zipf vocabulary, and its long text columns stretched to FLAN-like lengths. Within one row the
// same original word always gets the same replacement, so answers stay inside their passages, entities
// inside their lists, and `@placeholder` and option letters stay as they are.
import type { Row } from '../../src/adapters/types.js';
import { BENCH_LANGUAGES, prng, Vocabulary } from './vocabulary.js';

/**
 * Mean words of the long text columns in the real datasets (the shipped samples are shorter): what makes
 * summarisation and reading comprehension dominate the token count, as they do in FLAN.
 */
const TARGET_WORDS: Record<string, Record<string, number>> = {
  cnn_dailymail: { article: 690, highlights: 52 },
  multi_news: { document: 2000, summary: 260 },
  xsum: { document: 430, summary: 23 },
  newsroom: { text: 660, summary: 27 },
  wiki_lingua_en: { source: 390, target: 45 },
  imdb: { text: 230 },
  yelp_polarity: { text: 135 },
  quac: { context: 400 },
  coqa: { story: 270 },
  record: { passage: 170 },
  multirc: { paragraph: 250 },
  drop: { passage: 200 },
  squad: { context: 120 },
  bool_q: { passage: 100 },
  samsum: { dialogue: 95 },
  aeslc: { email_body: 75 },
  cosmos_qa: { context: 70 },
};

const vocabularies = new Map<string, Vocabulary>();
function vocabulary(language: string): Vocabulary {
  const lang = BENCH_LANGUAGES.includes(language) ? language : 'en';
  let v = vocabularies.get(lang);
  if (!v) {
    v = new Vocabulary(lang);
    vocabularies.set(lang, v);
  }
  return v;
}

const LETTERS = /(@?)(\p{L}[\p{L}\p{M}]*)/gu;

function styled(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase())
    return word.toUpperCase();
  if (like[0] !== like[0]!.toLowerCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

function countWords(s: string): number {
  let n = 0;
  for (const _ of s.matchAll(/\S+/g)) n++;
  return n;
}

/** Rewrites the rows of one task; `rewrite(i)` is a pure function of the sample rows, the task and i. */
export class RowRewriter {
  private readonly meanWords = new Map<string, number>();
  /** Column paths (struct fields joined by '.', list items as '[]') whose values are labels, kept as they are. */
  private readonly categorical: Set<string>;

  constructor(
    private readonly samples: readonly Row[],
    private readonly dataset: string,
    private readonly seed: number,
  ) {
    this.categorical = categoricalPaths(samples);
    for (const column of Object.keys(TARGET_WORDS[dataset] ?? {})) {
      let total = 0;
      for (const r of samples) total += typeof r[column] === 'string' ? countWords(r[column] as string) : 0;
      this.meanWords.set(column, Math.max(1, total / samples.length));
    }
  }

  rewrite(i: number): Row {
    const base = this.samples[i % this.samples.length]!;
    const rand = prng(this.seed ^ Math.imul(i + 1, 0x9e3779b1));
    const memo = new Map<string, string>();
    const text = (s: string, language: string): string => {
      const vocab = vocabulary(language);
      return s.replace(LETTERS, (all: string, at: string, w: string) => {
        // Placeholders (@placeholder) and single capitals (option letters, "I") are kept.
        if (at || (w.length === 1 && w === w.toUpperCase())) return all;
        const key = `${language}:${w.toLowerCase()}`;
        let r = memo.get(key);
        if (!r) {
          r = vocab.draw(rand());
          memo.set(key, r);
        }
        return styled(r, w);
      });
    };
    const value = (v: unknown, language: string, path: string, key: string): unknown => {
      const lang = BENCH_LANGUAGES.includes(key) ? key : language;
      if (typeof v === 'string') return this.categorical.has(path) ? v : text(v, lang);
      if (Array.isArray(v)) return v.map((x) => value(x, lang, `${path}[]`, ''));
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, lang, `${path}.${k}`, k)]));
      return v;
    };
    const row: Row = {};
    for (const [k, v] of Object.entries(base)) row[k] = value(v, 'en', k, k);
    const targets = TARGET_WORDS[this.dataset] ?? {};
    for (const [column, words] of Object.entries(targets)) {
      const current = row[column];
      if (typeof current !== 'string') continue;
      // A log-normal spread around the dataset's mean (sigma 0.5), as real lengths vary.
      const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      const want = Math.round(words * Math.exp(0.5 * z - 0.125));
      row[column] = stretched(current, want - countWords(current), rand);
    }
    return row;
  }
}

/** Paths whose sample values are all single words from a handful of values: labels such as cause/effect. */
function categoricalPaths(samples: readonly Row[]): Set<string> {
  const values = new Map<string, Set<string> | null>();
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const seen = values.get(path);
      if (seen === null) return;
      if (/\s/.test(v) || v.length > 16) values.set(path, null);
      else values.set(path, (seen ?? new Set()).add(v));
    } else if (Array.isArray(v)) for (const x of v) visit(x, `${path}[]`);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
  };
  for (const r of samples) for (const [k, v] of Object.entries(r)) visit(v, k);
  const out = new Set<string>();
  for (const [path, seen] of values) if (seen && seen.size <= 6) out.add(path);
  return out;
}

/** `s` followed by sentences of Zipf words until `extra` more words are there. */
function stretched(s: string, extra: number, rand: () => number): string {
  if (extra <= 0) return s;
  const vocab = vocabulary('en');
  const parts: string[] = [s];
  let left = extra;
  while (left > 0) {
    const n = Math.min(left, 6 + Math.floor(rand() * 24));
    const words: string[] = [];
    for (let k = 0; k < n; k++) {
      const u = rand();
      // About one word in fifty is a number, as in news text.
      const w = u < 0.02 ? String(Math.floor(rand() * (u < 0.01 ? 100 : 10000))) : vocab.draw(rand());
      words.push(k > 2 && k < n - 1 && rand() < 0.06 ? `${w},` : w);
    }
    words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
    parts.push(`${words.join(' ')}.`);
    left -= n;
  }
  return parts.join(' ');
}

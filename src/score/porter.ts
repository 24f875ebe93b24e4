// The Porter stemmer as NLTK's `PorterStemmer()` runs it by default (its NLTK_EXTENSIONS mode), which is the
// stemmer rouge-score uses. Written from the algorithm (Porter, 1980) plus NLTK's documented departures from
// it; test/score/porter.test.ts checks it against NLTK's output on a few thousand words.

/** Whole words NLTK maps directly, before any rule. */
const IRREGULAR: Readonly<Record<string, string>> = {
  sky: 'sky',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  news: 'news',
  innings: 'inning',
  inning: 'inning',
  outings: 'outing',
  outing: 'outing',
  cannings: 'canning',
  canning: 'canning',
  howe: 'howe',
  proceed: 'proceed',
  exceed: 'exceed',
  succeed: 'succeed',
};

const isVowelLetter = (c: string | undefined) =>
  c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';

/** Per letter: is it a consonant? `y` is a consonant at the start or after a vowel, a vowel after a consonant. */
function consonants(w: string): boolean[] {
  const flags: boolean[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (isVowelLetter(c)) flags.push(false);
    else if (c === 'y') flags.push(i === 0 ? true : !flags[i - 1]);
    else flags.push(true);
  }
  return flags;
}

const isConsonant = (w: string, i: number) => consonants(w)[i] === true;

/** m in [C](VC)^m[V]: the number of vowel-consonant transitions. */
function measure(stem: string): number {
  const flags = consonants(stem);
  let m = 0;
  for (let i = 1; i < flags.length; i++) if (!flags[i - 1] && flags[i]) m++;
  return m;
}

const hasVowel = (stem: string) => consonants(stem).some((c) => !c);

function endsDoubleConsonant(w: string): boolean {
  return w.length >= 2 && w.at(-1) === w.at(-2) && isConsonant(w, w.length - 1);
}

/** *o: ends consonant-vowel-consonant, the last not w, x or y; NLTK also accepts a two-letter vowel-consonant word. */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n >= 3) {
    const f = consonants(w);
    if (f[n - 3] && !f[n - 2] && f[n - 1] && !'wxy'.includes(w[n - 1]!)) return true;
  }
  return n === 2 && !isConsonant(w, 0) && isConsonant(w, 1);
}

type Condition = ((stem: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

/** The first rule whose suffix matches decides: replaced when its condition holds, else the word is kept. */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    return condition === null || condition(stem) ? stem + replacement : word;
  }
  return word;
}

const m0 = (s: string) => measure(s) > 0;
const m1 = (s: string) => measure(s) > 1;

function step1a(w: string): string {
  if (w.length === 4 && w.endsWith('ies')) return `${w.slice(0, -3)}ie`;
  return applyRules(w, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(w: string): string {
  if (w.endsWith('ied')) return w.slice(0, -3) + (w.length === 4 ? 'ie' : 'i');
  if (w.endsWith('eed')) {
    const stem = w.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : w;
  }
  let stem: string | undefined;
  for (const suffix of ['ed', 'ing']) {
    if (w.endsWith(suffix) && hasVowel(w.slice(0, -suffix.length))) {
      stem = w.slice(0, -suffix.length);
      break;
    }
  }
  if (stem === undefined) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  if (endsDoubleConsonant(stem)) return 'lsz'.includes(stem.at(-1)!) ? stem : stem.slice(0, -1);
  return measure(stem) === 1 && endsCvc(stem) ? `${stem}e` : stem;
}

function step1c(w: string): string {
  return applyRules(w, [['y', 'i', (s) => s.length > 1 && isConsonant(s, s.length - 1)]]);
}

function step2(w: string): string {
  // NLTK first turns -alli into -al and runs the step again on the result.
  if (w.endsWith('alli') && m0(w.slice(0, -4))) return step2(`${w.slice(0, -4)}al`);
  return applyRules(w, [
    ['ational', 'ate', m0],
    ['tional', 'tion', m0],
    ['enci', 'ence', m0],
    ['anci', 'ance', m0],
    ['izer', 'ize', m0],
    ['bli', 'ble', m0],
    ['alli', 'al', m0],
    ['entli', 'ent', m0],
    ['eli', 'e', m0],
    ['ousli', 'ous', m0],
    ['ization', 'ize', m0],
    ['ation', 'ate', m0],
    ['ator', 'ate', m0],
    ['alism', 'al', m0],
    ['iveness', 'ive', m0],
    ['fulness', 'ful', m0],
    ['ousness', 'ous', m0],
    ['aliti', 'al', m0],
    ['iviti', 'ive', m0],
    ['biliti', 'ble', m0],
    ['fulli', 'ful', m0],
    // NLTK measures -logi's stem with the `l` still on it.
    ['logi', 'log', () => m0(w.slice(0, -3))],
  ]);
}

function step3(w: string): string {
  return applyRules(w, [
    ['icate', 'ic', m0],
    ['ative', '', m0],
    ['alize', 'al', m0],
    ['iciti', 'ic', m0],
    ['ical', 'ic', m0],
    ['ful', '', m0],
    ['ness', '', m0],
  ]);
}

function step4(w: string): string {
  return applyRules(w, [
    ['al', '', m1],
    ['ance', '', m1],
    ['ence', '', m1],
    ['er', '', m1],
    ['ic', '', m1],
    ['able', '', m1],
    ['ible', '', m1],
    ['ant', '', m1],
    ['ement', '', m1],
    ['ment', '', m1],
    ['ent', '', m1],
    ['ion', '', (s) => m1(s) && (s.endsWith('s') || s.endsWith('t'))],
    ['ou', '', m1],
    ['ism', '', m1],
    ['ate', '', m1],
    ['iti', '', m1],
    ['ous', '', m1],
    ['ive', '', m1],
    ['ize', '', m1],
  ]);
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  return w.endsWith('ll') && measure(w.slice(0, -1)) > 1 ? w.slice(0, -1) : w;
}

/** Stems one word (lower-cased first), as `nltk.stem.porter.PorterStemmer().stem(word)` does. */
export function porterStem(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) return irregular;
  if (word.length <= 2) return w;
  return step5(step4(step3(step2(step1c(step1b(step1a(w)))))));
}

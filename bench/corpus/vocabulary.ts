// Word vocabularies for the bench corpus: per language, a few dozen common function words at the top ranks,
// then invented words built from the language's own letters and syllable shapes (so the tokenizer splits
// them into several pieces, as it does rare real words), drawn with Zipf-Mandelbrot frequencies.

/** A small deterministic generator (mulberry32): fast enough for hundreds of millions of draws. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit FNV-1a hash of a string (seeds per task and row). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Phonology {
  common: string;
  onsets: string;
  nuclei: string;
  codas: string;
  suffixes: string;
}

// Space-separated lists; '_' is the empty string.
const LANGUAGES: Record<string, Phonology> = {
  en: {
    common:
      'the of and to a in is that for it was on with as by at be this from are or an have not they which but his were has had their one its will been more who all would there can if also than out them into two only other some',
    onsets:
      '_ _ b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr qu r s sc sh sk sl sp st str t th tr v w wh y',
    nuclei: 'a e i o u a e i o ai ea ee ie oo ou y',
    codas: '_ _ _ n r s t l m nd nt st ng ck rd rs ss th',
    suffixes: 'ing ed er ly tion ment ness s able ity',
  },
  fr: {
    common:
      'de la le et les des en un une du est que pour dans qui pas par sur au plus ne ce il elle se sont avec son sa ses mais ou nous vous être été aussi',
    onsets: '_ _ b c ch d f g j l m n p qu r s t v br cr pr tr gr pl',
    nuclei: 'a e i o u é è ou ai eu au oi an en on in',
    codas: '_ _ _ s t r l x nt',
    suffixes: 'ement tion eur euse ique ité aient',
  },
  de: {
    common:
      'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an er hat aus bei sind wird wurde oder werden nach',
    onsets: '_ b d f g h k l m n p r s sch st t w z kr tr br fr gl pf sp',
    nuclei: 'a e i o u ä ö ü ei au ie eu',
    codas: '_ _ n r s t ch ng nd st ß lt rt ck tz',
    suffixes: 'ung heit keit lich isch en er schaft',
  },
  cs: {
    common:
      'a v se na je že s z do to o k i jako pro by ale jsou od po ve byl tak které který jeho za však může už',
    onsets: '_ b č d h ch j k l m n p r ř s š t v z ž st pr kr zd',
    nuclei: 'a e i o u á é í ů ě y ý',
    codas: '_ _ _ k l m n st c j t',
    suffixes: 'ový ová ství ení ních ského',
  },
  fi: {
    common:
      'ja on ei se että oli myös kun mutta hän ovat joka tai sen niin ole vain kuin ne jos tämä mukaan sekä',
    onsets: '_ h j k l m n p r s t v',
    nuclei: 'a e i o u y ä ö aa ii uu ää ai ei uo ie',
    codas: '_ _ _ n t s l k kk tt ss nn',
    suffixes: 'ssa ssä lla llä sta stä inen isen ksi nen',
  },
  ro: {
    common: 'de și în la a cu pe care din nu o se un să mai este pentru ca sunt fost ce al au iar dar',
    onsets: '_ b c d f g j l m n p r s ș t ț v z str pr cr',
    nuclei: 'a e i o u ă â î ea oa ie',
    codas: '_ _ _ r n t l m c st',
    suffixes: 'ului ilor ează ție ată ește',
  },
  ru: {
    common: 'и в не на что с по как это он к из но за от то для же она они так был все также или бы его',
    onsets: '_ б в г д ж з к л м н п р с т ф х ц ч ш щ ст пр кр тр',
    nuclei: 'а е и о у ы э ю я ё',
    codas: '_ _ _ й н т л р с ь к ст',
    suffixes: 'ость ский ного ения ать ются ами',
  },
  tr: {
    common:
      've bir bu da de için ile olarak daha en çok gibi olan ama kadar sonra her ya değil o ki ben sen biz',
    onsets: '_ b c ç d g h k l m n p r s ş t y z',
    nuclei: 'a e ı i o ö u ü',
    codas: '_ _ _ k l m n r s t ş z ğ',
    suffixes: 'lar ler dan den ında inde lık lik sız',
  },
  es: {
    common:
      'de la que el en y a los del se las por un para con no una su al es lo como más pero sus le ya o fue este',
    onsets: '_ _ b c ch d f g j l ll m n ñ p qu r s t v z br pr tr',
    nuclei: 'a e i o u á é í ó ú ue ie io',
    codas: '_ _ _ s n r l d z',
    suffixes: 'ción mente idad ado ida ando',
  },
};

export const BENCH_LANGUAGES = Object.keys(LANGUAGES);

const list = (s: string) => s.split(' ').map((w) => (w === '_' ? '' : w));

/** A language's vocabulary, most frequent first, and a sampler over it. */
export class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(
    readonly language: string,
    size = 8000,
  ) {
    const p = LANGUAGES[language] ?? LANGUAGES.en!;
    const rand = prng(hash32(`vocabulary:${language}`));
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
    const [onsets, nuclei, codas, suffixes] = [
      list(p.onsets),
      list(p.nuclei),
      list(p.codas),
      list(p.suffixes),
    ];
    const seen = new Set<string>();
    const words: string[] = [];
    for (const w of list(p.common)) {
      if (seen.has(w)) continue;
      seen.add(w);
      words.push(w);
    }
    while (words.length < size) {
      const rank = words.length;
      // Frequent words are short; rarer ones longer, as in real text.
      const syllables =
        1 + (rand() < 0.35 ? 1 : 0) + (rank > 1500 ? 1 : 0) + (rank > 4000 && rand() < 0.3 ? 1 : 0);
      let w = '';
      for (let s = 0; s < syllables; s++)
        w += pick(onsets) + pick(nuclei) + (rand() < 0.3 ? pick(codas) : '');
      if (rank > 800 && rand() < 0.2) w += pick(suffixes);
      if (w.length < 2 || seen.has(w)) continue;
      seen.add(w);
      words.push(w);
    }
    this.words = words;
    // Zipf-Mandelbrot: weight of rank r is 1 / (r + 2.7).
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r++) {
      total += 1 / (r + 1 + 2.7);
      this.cumulative[r] = total;
    }
    for (let r = 0; r < size; r++) this.cumulative[r]! /= total;
  }

  /** A word drawn by frequency, from a uniform number in [0, 1). */
  draw(u: number): string {
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
}

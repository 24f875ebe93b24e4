// The rules of docs/templates.md ("What every rendering must satisfy"), over every template and every sample row.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adaptRow, type Example } from '../src/adapters/index.js';
import { loadRegistry, type TaskRef, tasksOf } from '../src/registry/index.js';
import { readSampleRows } from '../src/sources/samples.js';
import {
  type CompiledTemplate,
  loadTemplates,
  renderRaw,
  renderTemplate,
  type TemplateSet,
  templatesFor,
} from '../src/templates/index.js';

const registry = loadRegistry();
const catalog = loadTemplates(registry);
const refs = tasksOf(registry.datasets);

// Answer words that other phrasings of each task use. A template may name one only when one of its options
// contains it ("Science/Tech" allows "science", not "sci/tech"). Question words ("is it true that…") are not
// listed: they ask, they do not name an answer.
const UNSURE = [
  'maybe',
  'unknown',
  'undetermined',
  'not possible to tell',
  'impossible to say',
  "can't tell",
];
const NLI = ['yes', 'no', 'not entailment', 'neutral', 'contradiction', ...UNSURE];
const YES_NO = ['yes', 'no', ...UNSURE];
const SENTIMENT = ['positive', 'negative', 'neutral', 'mixed', 'thumbs up', 'thumbs down', 'favorable'];
const LABEL_WORDS: Record<string, readonly string[]> = {
  anli: NLI,
  cb: NLI,
  mnli: NLI,
  snli: NLI,
  rte: NLI,
  qnli: NLI,
  wnli: NLI,
  imdb: SENTIMENT,
  sst2: SENTIMENT,
  yelp_polarity: SENTIMENT,
  sentiment140: SENTIMENT,
  mrpc: [...YES_NO, 'not equivalent', 'not paraphrases'],
  qqp: [...YES_NO, 'not duplicates', 'not paraphrases'],
  paws_wiki: [...YES_NO, 'not equivalent', 'not paraphrases'],
  bool_q: YES_NO,
  multirc: YES_NO,
  stsb: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  trec: [
    'description',
    'entity',
    'abbreviation',
    'human',
    'numeric',
    'location',
    'definition',
    'number',
    'date',
    'place',
  ],
  cola: ['acceptable', 'unacceptable', 'yes', 'no'],
  wic: ['the same meaning', 'different meanings', 'one meaning', 'two meanings', 'yes', 'no'],
  ag_news: [
    'world',
    'sports',
    'business',
    'science/tech',
    'sci/tech',
    'sci-tech',
    'tech',
    'science',
    'technology',
    'politics',
    'entertainment',
    'health',
  ],
};

/** The template's own words: its input with every `{{field}}` slot removed. */
const wording = (t: CompiledTemplate) => t.input.source.replace(/\{\{\w+\}\}/g, ' ');
const mentions = (text: string, word: string) =>
  new RegExp(`(?<![\\w/-])${word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w/-])`, 'i').test(text);

// Punctuation doubled where a template meets a field (`{{context}}...` after a full stop), blank labels
// (`Statement:  ___`), and lines that end in spaces.
const DOUBLED = /\.{4,}|(?<!\.)\.\.(?!\.)|[?!][.?]|\.[?!]|,,|;;/g;
const BLANK = /[^\S\n]{2,}|[^\S\n]+$/gm;
// Source markup adapters must remove: DART/WikiTable placeholders, ReCoRD's, HellaSwag's WikiHow markers.
const MARKUP = /\[[A-Z_]{3,}\]|@highlight|@placeholder|\[(?:header|title|step|substeps)\]/;

function examples(ref: TaskRef): Example[] {
  const adapter = ADAPTERS[ref.dataset.id]!;
  return readSampleRows(ref.dataset.id, ref.task.id).flatMap((row, i) => {
    const r = adaptRow(adapter, row, ref, i);
    return 'skip' in r ? [] : [...r];
  });
}

/** Occurrences of a pattern the template adds: in the rendering, beyond those inside the fields it shows. */
function added(pattern: RegExp, rendered: string, t: CompiledTemplate, ex: Example): string[] {
  const own = (s: string) => s.match(pattern) ?? [];
  const inFields = t.input.fields.flatMap((f) => own(ex.fields[f] ?? ''));
  const found = own(rendered);
  return found.length > inFields.length ? found : [];
}

/** What the task itself asks for: the raw target, or either side of a translation pair. */
function originalTargets(set: TemplateSet, ex: Example): string[] {
  const sides = Object.keys(ex.languages ?? {}).map((f) => ex.fields[f]!);
  return [renderRaw(set, ex).targets, ...sides];
}

describe.each(refs.map((r) => [r.key, r] as const))('%s', (_key, ref) => {
  const set = templatesFor(catalog, ref.dataset.id, ref.task.id);
  const exs = examples(ref);

  it('names no answer word outside its options', () => {
    const words = LABEL_WORDS[ref.dataset.id] ?? [];
    const options = ref.task.options?.map((o) => o.toLowerCase()) ?? [];
    for (const t of set.templates.filter((x) => !x.inverted)) {
      for (const word of words) {
        if (!mentions(wording(t), word)) continue;
        expect(
          options.some((o) => mentions(o, word)),
          `${set.file} template ${t.index} says "${word}"; options: ${options.join(' | ')}`,
        ).toBe(true);
      }
      // A quoted reply ('answer "yes"') must be an option too.
      if (!ref.task.options) continue;
      for (const [, quoted] of t.input.source.matchAll(/"([^"\n]{1,30})"/g)) {
        if (quoted!.includes('{{')) continue;
        expect(options, `${set.file} template ${t.index} quotes "${quoted}"`).toContain(
          quoted!.toLowerCase(),
        );
      }
    }
  });

  it('renders every sample row with no doubled punctuation, blank label or leftover markup', () => {
    expect(exs.length).toBeGreaterThan(0);
    for (const [i, ex] of exs.entries()) {
      for (const t of set.templates) {
        const { inputs } = renderTemplate(set, t.index, ex);
        const where = `${set.file} template ${t.index} on sample ${i}`;
        expect(added(DOUBLED, inputs, t, ex), `${where}: doubled punctuation`).toEqual([]);
        expect(added(BLANK, inputs, t, ex), `${where}: blank label or stray spaces`).toEqual([]);
        expect(inputs, `${where}: leftover markup`).not.toMatch(MARKUP);
      }
    }
  });

  it('targets the original answer unless marked inverted, and something else when inverted', () => {
    for (const ex of exs) {
      const originals = originalTargets(set, ex);
      for (const t of set.templates) {
        const { targets } = renderTemplate(set, t.index, ex);
        const where = `${set.file} template ${t.index} (inverted: ${t.inverted})`;
        if (t.inverted) expect(originals, where).not.toContain(targets);
        else expect(originals, where).toContain(targets);
      }
    }
  });
});

describe('three-way NLI', () => {
  // With yes / can't tell / no as options, the question must be whether the hypothesis is true: asked whether
  // the premise entails (implies, guarantees…) it, a literal reader answers "no" for neutral and contradiction.
  const THREE_WAY = ['anli', 'cb', 'mnli', 'snli'];
  const FOLLOWS =
    /\b(entail\w*|impl(?:y|ies|ied)|infer\w*|guarantee\w*|follows?|must|mean that|commit\w*|conclude\w*)\b/i;

  it.each(THREE_WAY)('%s asks whether the hypothesis is true, never whether it follows', (id) => {
    const set = templatesFor(catalog, id);
    for (const t of set.templates.filter((x) => !x.inverted))
      expect(wording(t), `${set.file} template ${t.index}`).not.toMatch(FOLLOWS);
  });
});

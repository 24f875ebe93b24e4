// Every metric against values computed by the Python reference implementations (scripts/score-fixtures.py
// wrote the fixtures: sacrebleu, nltk, scikit-learn, SciPy, and re-statements of rouge-score and the SQuAD /
// TriviaQA scripts). No Python is needed here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusBleu, tokenize13a } from '../../src/score/bleu.js';
import { binaryF1, matthews, pearson, spearman } from '../../src/score/classification.js';
import { wordEditDistance } from '../../src/score/edit-distance.js';
import { porterStem } from '../../src/score/porter.js';
import { normalizeSquad, normalizeTriviaQa, qaScores } from '../../src/score/qa.js';
import { ROUGE_KEYS, rougeMax, rougeTokens } from '../../src/score/rouge.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'score', name), 'utf8')) as T;

describe('Porter stemmer', () => {
  it("agrees with nltk's PorterStemmer() on every word of the samples and the paper's examples", () => {
    const { words, stems } = fixture<{ words: string[]; stems: string[] }>('porter.json');
    expect(words.length).toBeGreaterThan(5000);
    const wrong = words.filter((w, i) => porterStem(w) !== stems[i]).map((w) => `${w}→${porterStem(w)}`);
    expect(wrong).toEqual([]);
  });

  it('handles the classic cases by hand', () => {
    expect(
      ['caresses', 'ponies', 'hopping', 'relational', 'generalizations', 'skies', 'dying'].map(porterStem),
    ).toEqual(['caress', 'poni', 'hop', 'relat', 'gener', 'sky', 'die']);
  });
});

describe('ROUGE (rouge-score with stemming)', () => {
  const cases =
    fixture<{ references: string[]; prediction: string; scores: Record<string, number> }[]>('rouge.json');

  it('tokenizes as rouge-score does', () => {
    expect(rougeTokens("The cats' running-shoes cost $3.50!")).toEqual([
      'the',
      'cat',
      'run',
      'shoe',
      'cost',
      '3',
      '50',
    ]);
  });

  it(`matches the reference on ${cases.length} prediction/reference sets to 1e-4 on the 0–100 scale`, () => {
    for (const c of cases) {
      const got = rougeMax(c.references, c.prediction);
      for (const k of ROUGE_KEYS)
        expect(Math.abs(got[k] - c.scores[k]!) * 100, `${k} ${JSON.stringify(c)}`).toBeLessThan(1e-4);
    }
    expect(cases.some((c) => c.references.length > 1)).toBe(true);
    expect(cases.some((c) => c.scores.rougeLsum !== c.scores.rouge1)).toBe(true);
  });
});

describe('BLEU (sacrebleu defaults)', () => {
  const cases = fixture<{ hypotheses: string[]; references: string[][]; score: number }[]>('bleu.json');

  it('tokenizes with 13a', () => {
    expect(tokenize13a('It cost 1,000.50 dollars (approx.), in 1990-2000.')).toBe(
      'It cost 1,000.50 dollars ( approx . ) , in 1990 - 2000 .',
    );
  });

  it(`matches sacrebleu.corpus_bleu on ${cases.length} corpora to 1e-4`, () => {
    for (const c of cases) {
      // sacrebleu takes reference streams; flanmix takes each segment's references.
      const perSegment = c.hypotheses.map((_, i) => c.references.map((stream) => stream[i]!));
      expect(
        Math.abs(corpusBleu(c.hypotheses, perSegment) - c.score),
        JSON.stringify(c).slice(0, 200),
      ).toBeLessThan(1e-4);
    }
  });
});

describe('SQuAD and TriviaQA exact match and F1', () => {
  const cases =
    fixture<
      {
        references: string[];
        prediction: string;
        squad: { em: number; f1: number };
        trivia_qa: { em: number; f1: number };
      }[]
    >('qa.json');

  it('normalises answers', () => {
    expect(normalizeSquad('The  U.S.A. (an Example)')).toBe('usa example');
    expect(normalizeTriviaQa('The  U.S.A. ‘rock_and_roll’')).toBe('u s rock and roll');
  });

  it(`matches the official scripts on ${cases.length} answers to 1e-6`, () => {
    for (const c of cases) {
      for (const style of ['squad', 'trivia_qa'] as const) {
        const got = qaScores(style, c.references, c.prediction);
        expect(got.em, `${style} ${JSON.stringify(c)}`).toBe(c[style].em);
        expect(Math.abs(got.f1 - c[style].f1), `${style} ${JSON.stringify(c)}`).toBeLessThan(1e-6);
      }
    }
  });
});

describe('labels and correlations', () => {
  const { labels, correlations } = fixture<{
    labels: { gold: number[]; predicted: number[]; f1: number | null; matthews: number }[];
    correlations: { x: number[]; y: number[]; pearson: number; spearman: number }[];
  }>('labels.json');

  it('F1 (invalid predictions count as wrong) and Matthews match scikit-learn to 1e-6', () => {
    for (const c of labels) {
      if (c.f1 !== null) expect(Math.abs(binaryF1(c.gold, c.predicted) - c.f1)).toBeLessThan(1e-6);
      expect(Math.abs(matthews(c.gold, c.predicted) - c.matthews)).toBeLessThan(1e-6);
    }
  });

  it('Pearson and Spearman match SciPy to 1e-6; a constant series has none', () => {
    for (const c of correlations) {
      expect(Math.abs(pearson(c.x, c.y)! - c.pearson)).toBeLessThan(1e-6);
      expect(Math.abs(spearman(c.x, c.y)! - c.spearman)).toBeLessThan(1e-6);
    }
    expect(pearson([1, 2, 3], [2, 2, 2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe('word-level edit distance (fix_punct)', () => {
  const cases = fixture<{ reference: string; prediction: string; distance: number }[]>('edit-distance.json');

  it(`matches nltk.edit_distance over T5's word split on ${cases.length} pairs`, () => {
    for (const c of cases)
      expect(wordEditDistance(c.reference, c.prediction), JSON.stringify(c)).toBe(c.distance);
  });
});

import { describe, expect, it } from 'vitest';
import registryJson from '../datasets.registry.json';
import {
  CLUSTER_IDS,
  getTask,
  loadRegistry,
  parseRegistry,
  RegistryError,
  taskKey,
} from '../src/registry/index.js';

// Part A §1: the membership contract.
const MEMBERSHIP: Record<string, string[]> = {
  nli: ['anli', 'cb', 'mnli', 'qnli', 'rte', 'snli', 'wnli'],
  commonsense: ['copa', 'hellaswag', 'piqa', 'story_cloze'],
  sentiment: ['imdb', 'sentiment140', 'sst2', 'yelp_polarity'],
  paraphrase: ['mrpc', 'qqp', 'paws_wiki', 'stsb'],
  closed_book_qa: ['arc', 'natural_questions', 'trivia_qa'],
  struct_to_text: ['common_gen', 'dart', 'e2e_nlg', 'web_nlg'],
  translation: [
    'para_crawl_enes',
    'wmt14_enfr',
    'wmt16_csen',
    'wmt16_deen',
    'wmt16_fien',
    'wmt16_roen',
    'wmt16_ruen',
    'wmt16_tren',
  ],
  reading_comprehension: ['bool_q', 'drop', 'multirc', 'openbookqa', 'squad'],
  reading_comprehension_with_commonsense: ['cosmos_qa', 'record'],
  coreference: ['definite_pronoun_resolution', 'winogrande', 'wsc273'],
  misc: ['coqa', 'quac', 'trec', 'cola', 'wic', 'math_dataset', 'fix_punct'],
  summarization: [
    'aeslc',
    'ag_news',
    'cnn_dailymail',
    'gigaword',
    'multi_news',
    'newsroom',
    'opinion_abstracts_idebate',
    'opinion_abstracts_movie',
    'samsum',
    'wiki_lingua_en',
    'xsum',
  ],
};

describe('shipped registry', () => {
  const registry = loadRegistry();

  it('documents every built-in task: FLAN name and slices, confidence, homepage and citation', () => {
    // These fields are optional for a user's datasets, never for the shipped ones.
    for (const d of registry.datasets) {
      expect(d.homepage, d.id).toBeTruthy();
      expect(d.citation, d.id).toBeTruthy();
      for (const t of d.tasks) {
        expect(t.flanName, `${d.id}/${t.id}`).toBeTruthy();
        expect(t.flanSlices, `${d.id}/${t.id}`).toBeTruthy();
        for (const s of t.sources) expect(s.confidence, `${d.id}/${t.id}`).toBeTruthy();
        expect(d.adapter, d.id).toBeUndefined();
      }
    }
  });

  it("states every built-in dataset's licence in the file, and a few as their publishers do", () => {
    // Written out for every dataset (not left to the schema's default), so none is forgotten.
    for (const d of registryJson.datasets) expect((d as { license?: string }).license, d.id).toBeTruthy();
    const license = (id: string) => registry.datasets.find((d) => d.id === id)!.license;
    expect(license('squad')).toBe('cc-by-sa-4.0');
    expect(license('anli')).toBe('cc-by-nc-4.0');
    expect(license('samsum')).toBe('cc-by-nc-nd-4.0');
    // The GLUE and SuperGLUE tasks each carry their source corpus's terms: not one licence to state.
    expect(license('rte')).toBe('unknown');
  });

  it('refuses a licence that is not a Hub licence id', () => {
    const bad = JSON.parse(JSON.stringify(registryJson));
    bad.datasets[1].license = 'CC BY 4.0';
    expect(() => parseRegistry(bad)).toThrow(/\$\.datasets\[1\]\.license: must be a Hub licence id/);
  });

  it('has 62 datasets in the 12 clusters of Part A', () => {
    expect(registry.datasets).toHaveLength(62);
    expect(registry.clusters.map((c) => c.id).sort()).toEqual([...CLUSTER_IDS].sort());
    for (const [cluster, ids] of Object.entries(MEMBERSHIP)) {
      expect(
        registry.datasets
          .filter((d) => d.cluster === cluster)
          .map((d) => d.id)
          .sort(),
      ).toEqual([...ids].sort());
    }
  });

  it('splits multi-task datasets into their FLAN tasks', () => {
    const tasks = (id: string) => registry.datasets.find((d) => d.id === id)!.tasks.map((t) => t.id);
    expect(tasks('anli')).toEqual(['r1', 'r2', 'r3']);
    expect(tasks('mnli')).toEqual(['matched', 'mismatched']);
    expect(tasks('arc')).toEqual(['easy', 'challenge']);
    expect(tasks('squad')).toEqual(['v1', 'v2']);
    expect(registry.datasets.reduce((n, d) => n + d.tasks.length, 0)).toBe(67);
  });

  it('gives every fixed-label classification task its options, and marks the manual sources', () => {
    expect(getTask(registry, 'anli', 'r1').task.options).toEqual(['Yes', "It's impossible to say", 'No']);
    expect(getTask(registry, 'trec').task.options).toEqual([
      'description',
      'entity',
      'abbreviation',
      'human',
      'numeric',
      'location',
    ]);
    const manual = registry.datasets.filter((d) =>
      d.tasks.some((t) => t.sources.some((s) => s.availability === 'manual')),
    );
    expect(manual.map((d) => d.id).sort()).toEqual(
      [
        'fix_punct',
        'newsroom',
        'opinion_abstracts_idebate',
        'opinion_abstracts_movie',
        'para_crawl_enes',
        'story_cloze',
      ].sort(),
    );
    expect(getTask(registry, 'wsc273').task.splits.train).toBeNull();
    expect(
      getTask(registry, 'hellaswag').task.sources.map((s) => s.availability === 'hub' && s.revision),
    ).toEqual(['refs/pr/7', 'refs/convert/parquet']);
  });

  it('keys tasks by dataset, or dataset/task when there are several', () => {
    const a = getTask(registry, 'anli', 'r2');
    expect(taskKey(a.dataset, a.task)).toBe('anli/r2');
    const r = getTask(registry, 'rte');
    expect(r.key).toBe('rte');
  });

  it('rejects unknown datasets and tasks by name', () => {
    expect(() => getTask(registry, 'nope')).toThrow(/unknown dataset "nope"/);
    expect(() => getTask(registry, 'anli', 'r9')).toThrow(/dataset "anli" has no task "r9"/);
  });
});

describe('malformed registries', () => {
  const clone = () => JSON.parse(JSON.stringify(registryJson));

  it('names the JSON path and reason of a bad field', () => {
    const bad = clone();
    bad.datasets[3].cluster = 'nonsense';
    expect(() => parseRegistry(bad, 'fixture.json')).toThrow(RegistryError);
    expect(() => parseRegistry(bad, 'fixture.json')).toThrow(
      /fixture\.json[\s\S]*\$\.datasets\[3\]\.cluster: /,
    );
  });

  it('names a bad Hub repo id', () => {
    const bad = clone();
    bad.datasets[0].tasks[1].sources[0].repo = 'not a repo';
    expect(() => parseRegistry(bad)).toThrow(
      /\$\.datasets\[0\]\.tasks\[1\]\.sources\[0\]\.repo: must be "owner\/name"/,
    );
  });

  it('refuses a revision or config that could lead outside the cache', () => {
    const bad = clone();
    bad.datasets[0].tasks[1].sources[0].revision = 'refs/../../x';
    expect(() => parseRegistry(bad)).toThrow(
      /\$\.datasets\[0\]\.tasks\[1\]\.sources\[0\]\.revision: must not contain "\." or "\.\." segments/,
    );
    const abs = clone();
    abs.datasets[0].tasks[1].sources[0].config = '/etc';
    expect(() => parseRegistry(abs)).toThrow(/\.sources\[0\]\.config: must be segments/);
  });

  it('lists fallback sources in the order they are tried, with a confidence each', () => {
    const registry = loadRegistry();
    const revisions = (id: string) =>
      getTask(registry, id).task.sources.map((s) =>
        s.availability === 'hub' ? `${s.repo}@${s.revision}:${s.confidence}` : 'manual',
      );
    expect(revisions('samsum')).toEqual([
      'Samsung/samsum@refs/pr/7:confirmed',
      'Samsung/samsum@refs/convert/parquet:guessed',
      'knkarthick/samsum@main:guessed',
    ]);
    expect(revisions('math_dataset')).toEqual([
      'deepmind/math_dataset@refs/pr/4:confirmed',
      'deepmind/math_dataset@refs/convert/parquet:guessed',
    ]);
    expect(revisions('wsc273')).toEqual([
      'ErnestSDavis/winograd_wsc@refs/convert/parquet:confirmed',
      'ErnestSDavis/winograd_wsc@refs/pr/2:confirmed',
    ]);
    for (const id of ['common_gen', 'coqa', 'yelp_polarity', 'ag_news', 'cnn_dailymail'])
      expect(revisions(id)).toEqual([expect.stringMatching(/@main:confirmed$/)]);
    // The script-only repos whose converter branch may vanish say so.
    for (const id of [
      'piqa',
      'winogrande',
      'dart',
      'e2e_nlg',
      'web_nlg',
      'wiki_lingua_en',
      'quac',
      'trec',
      'xsum',
      'cosmos_qa',
      'gigaword',
      'multi_news',
    ]) {
      const first = getTask(registry, id).task.sources[0]!;
      expect(first.availability === 'hub' && first.revision).toBe('refs/convert/parquet');
      expect(first.availability === 'hub' && first.note).toMatch(/converter branch/);
    }
    // A manual task has only its manual source.
    expect(revisions('story_cloze')).toEqual(['manual']);
  });

  it('rejects duplicate dataset ids and unknown keys', () => {
    const dup = clone();
    dup.datasets[1].id = dup.datasets[0].id;
    expect(() => parseRegistry(dup)).toThrow(/\$\.datasets\[1\]\.id: duplicate dataset id "anli"/);
    const extra = clone();
    extra.datasets[5].tasks[0].colums = {};
    expect(() => parseRegistry(extra)).toThrow(/\$\.datasets\[5\]\.tasks\[0\]/);
  });
});

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
    const manual = registry.datasets.filter((d) => d.tasks.some((t) => t.source.availability === 'manual'));
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
    expect(getTask(registry, 'hellaswag').task.source).toMatchObject({
      repo: 'Rowan/hellaswag',
      revision: 'refs/pr/7',
    });
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
    bad.datasets[0].tasks[1].source.repo = 'not a repo';
    expect(() => parseRegistry(bad)).toThrow(
      /\$\.datasets\[0\]\.tasks\[1\]\.source\.repo: must be "owner\/name"/,
    );
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

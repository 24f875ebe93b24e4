#!/usr/bin/env node
// Writes each task's published split sizes into datasets.registry.json (`sizes`), so rates can be planned
// offline (`flanmix rates --sizes registry`). Re-runnable: it replaces `sizes` wherever it is, keeps every
// other field as it is, and places `sizes` right after `validationSize`.
//
//   node scripts/add-split-sizes.mjs
//
// Figures and their origin (`from`):
//   hub  - the split's row count in the Hub repo's dataset info (the repo and config the registry names);
//   tfds - the TFDS catalog, for datasets with no Hub copy;
//   flan - FLAN's own slice of a corpus that has no fixed published size (ParaCrawl, derived tasks, and the
//          evaluation slices FLAN carves from a train split).
// `flanTrain` is FLAN's own count of the task's training examples (after its slice and filters), given only
// where it differs from what the split size and the validation tail give (docs/mixing.md explains each).
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../datasets.registry.json', import.meta.url);

// key: [train rows, train from, eval rows, eval from, flanTrain?]
const SIZES = {
  'anli/r1': [16946, 'hub', 1000, 'hub'],
  'anli/r2': [45460, 'hub', 1000, 'hub'],
  'anli/r3': [100459, 'hub', 1200, 'hub'],
  cb: [250, 'hub', 56, 'hub'],
  'mnli/matched': [392702, 'hub', 9815, 'hub'],
  'mnli/mismatched': [392702, 'hub', 9832, 'hub'],
  qnli: [104743, 'hub', 5463, 'hub'],
  rte: [2490, 'hub', 277, 'hub'],
  snli: [550152, 'hub', 10000, 'hub'],
  wnli: [635, 'hub', 71, 'hub', 600],
  copa: [400, 'hub', 100, 'hub'],
  hellaswag: [39905, 'hub', 10042, 'hub'],
  piqa: [16113, 'hub', 1838, 'hub'],
  // No train split: FLAN trains on the 2016 validation set.
  story_cloze: [1871, 'hub', 1871, 'hub', 1670],
  imdb: [25000, 'hub', 25000, 'hub'],
  sentiment140: [1600000, 'hub', 498, 'hub'],
  sst2: [67349, 'hub', 872, 'hub'],
  yelp_polarity: [560000, 'hub', 38000, 'hub'],
  mrpc: [3668, 'hub', 408, 'hub'],
  qqp: [363846, 'hub', 40430, 'hub'],
  paws_wiki: [49401, 'hub', 8000, 'hub'],
  stsb: [5749, 'hub', 1500, 'hub'],
  'arc/easy': [2251, 'hub', 2376, 'hub', 2040],
  'arc/challenge': [1119, 'hub', 1172, 'hub', 910],
  natural_questions: [87925, 'hub', 3610, 'hub'],
  trivia_qa: [138384, 'hub', 17944, 'hub'],
  common_gen: [67389, 'hub', 4018, 'hub'],
  dart: [62659, 'hub', 2768, 'hub'],
  e2e_nlg: [33525, 'hub', 1484, 'hub'],
  web_nlg: [35426, 'hub', 1667, 'hub'],
  para_crawl_enes: [30000, 'flan', 1000, 'flan'],
  wmt14_enfr: [40836715, 'hub', 3003, 'hub'],
  wmt16_csen: [997712, 'hub', 2983, 'hub'],
  wmt16_deen: [4548885, 'hub', 2999, 'hub'],
  wmt16_fien: [2073394, 'hub', 3000, 'hub'],
  wmt16_roen: [610320, 'hub', 1999, 'hub'],
  wmt16_ruen: [1516162, 'hub', 2998, 'hub'],
  wmt16_tren: [205756, 'hub', 3000, 'hub'],
  bool_q: [9427, 'hub', 3270, 'hub'],
  drop: [77400, 'hub', 9535, 'hub'],
  multirc: [27243, 'hub', 4848, 'hub'],
  openbookqa: [4957, 'hub', 500, 'hub'],
  'squad/v1': [87599, 'hub', 10570, 'hub'],
  'squad/v2': [130319, 'hub', 11873, 'hub'],
  cosmos_qa: [25262, 'hub', 2985, 'hub'],
  record: [100730, 'hub', 10000, 'hub'],
  definite_pronoun_resolution: [1322, 'hub', 564, 'hub', 1120],
  winogrande: [40398, 'hub', 1267, 'hub'],
  wsc273: [null, 'hub', 273, 'hub'],
  coqa: [7199, 'hub', 500, 'hub'],
  // Rows are dialogues; the adapter makes one example per question (83,568 in train).
  quac: [11567, 'hub', 1000, 'hub'],
  trec: [5452, 'hub', 500, 'hub'],
  cola: [8551, 'hub', 1043, 'hub'],
  wic: [5428, 'hub', 638, 'hub'],
  math_dataset: [1999998, 'hub', 10000, 'hub'],
  fix_punct: [30000, 'flan', 3000, 'flan'],
  aeslc: [14436, 'hub', 1906, 'hub'],
  ag_news: [120000, 'hub', 7600, 'hub'],
  cnn_dailymail: [287113, 'hub', 11490, 'hub'],
  gigaword: [3803957, 'hub', 1951, 'hub'],
  multi_news: [44972, 'hub', 5622, 'hub'],
  newsroom: [995041, 'hub', 108862, 'hub'],
  opinion_abstracts_idebate: [2259, 'tfds', 500, 'flan', 1650],
  opinion_abstracts_movie: [3731, 'tfds', 500, 'flan'],
  samsum: [14732, 'hub', 819, 'hub'],
  wiki_lingua_en: [99020, 'hub', 28614, 'hub'],
  xsum: [204045, 'hub', 11334, 'hub'],
};

const registry = JSON.parse(readFileSync(FILE, 'utf8'));
const seen = new Set();
for (const dataset of registry.datasets) {
  for (const [j, task] of dataset.tasks.entries()) {
    const key = dataset.tasks.length === 1 ? dataset.id : `${dataset.id}/${task.id}`;
    const entry = SIZES[key];
    if (!entry) throw new Error(`no sizes for task ${key}`);
    seen.add(key);
    const [train, trainFrom, evalRows, evalFrom, flanTrain] = entry;
    const sizes = {
      train: train === null ? null : { rows: train, from: trainFrom },
      eval: { rows: evalRows, from: evalFrom },
      ...(flanTrain !== undefined ? { flanTrain } : {}),
    };
    const out = {};
    for (const [k, v] of Object.entries(task)) {
      if (k === 'sizes') continue;
      out[k] = v;
      if (k === 'validationSize') out.sizes = sizes;
    }
    out.sizes ??= sizes;
    dataset.tasks[j] = out;
  }
}
for (const key of Object.keys(SIZES)) if (!seen.has(key)) throw new Error(`sizes for unknown task ${key}`);
writeFileSync(FILE, `${JSON.stringify(registry, null, 2)}\n`);
console.log(`sizes written for ${seen.size} tasks`);

#!/usr/bin/env node
// Turns each task's single `source` into `columns` (the task's schema, shared by every source) and `sources`
// (an ordered list of places to read it, tried in order), and adds the known alternatives with an honest
// `confidence` per source. Re-runnable: a task that already has `sources` keeps its list, and the
// alternatives below are added only when missing; every other field stays as it is.
//
//   node scripts/registry-sources.mjs
//
// confidence: `confirmed` = parquet files with the registry's columns seen at that revision in stored public
// material (dataset viewer, Hub commit pages, third-party code); `guessed` = no such evidence.
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../datasets.registry.json', import.meta.url);

// Per task key (`dataset` or `dataset/task`): the confidence and note of the existing source, and the
// alternatives to append after it (or to put before it, with `first: true`).
const SOURCES = {
  hellaswag: {
    note: 'unmerged community pull request with data/{split}-00000-of-00001.parquet',
    add: [
      {
        revision: 'refs/convert/parquet',
        confidence: 'confirmed',
        note: 'frozen converter branch; may vanish on the next commit to the repo',
      },
    ],
  },
  sentiment140: { note: 'unmerged community pull request with sentiment140/{split}-00000-of-00001.parquet' },
  piqa: {
    confidence: 'guessed',
    note: 'the repo holds a loading script; the converter branch is a frozen artifact that can vanish',
    add: [
      {
        repo: 'baber/piqa',
        config: 'default',
        revision: 'main',
        confidence: 'guessed',
        note: 'community mirror',
      },
    ],
  },
  winogrande: { note: 'frozen converter branch (the repo holds a loading script)' },
  wsc273: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        revision: 'refs/pr/2',
        confidence: 'confirmed',
        note: 'pull request with wsc273/test-00000-of-00001.parquet',
      },
    ],
  },
  dart: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        repo: 'Yale-LILY/dart',
        config: 'default',
        revision: 'main',
        confidence: 'guessed',
        note: "the authors' repo",
      },
    ],
  },
  e2e_nlg: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        repo: 'tuetschek/e2e_nlg',
        config: 'default',
        revision: 'main',
        confidence: 'guessed',
        note: "the authors' repo",
      },
    ],
  },
  web_nlg: { note: 'frozen converter branch (the repo holds a loading script)' },
  wiki_lingua_en: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        repo: 'esdurmus/wiki_lingua',
        config: 'english',
        revision: 'main',
        confidence: 'guessed',
        note: "the authors' repo",
      },
    ],
  },
  quac: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        // A community conversion pull request (plain_text/) exists, its number unknown here: found at run time.
        revision: 'refs/pr/*',
        confidence: 'guessed',
        note: 'the newest open pull request with plain_text/ parquet files (a community conversion)',
      },
    ],
  },
  trec: { note: 'frozen converter branch, used by third-party code (the repo holds a loading script)' },
  math_dataset: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        revision: 'refs/pr/4',
        confidence: 'confirmed',
        note: 'pull request with algebra__linear_1d/{train,test}-00000-of-00001.parquet',
        first: true,
      },
    ],
  },
  xsum: { note: 'frozen converter branch (the repo holds a loading script)' },
  cosmos_qa: {
    note: 'frozen converter branch (the repo holds a loading script)',
    add: [
      {
        repo: 'Samsoup/cosmos_qa',
        config: 'default',
        revision: 'main',
        confidence: 'guessed',
        note: 'community mirror',
      },
    ],
  },
  gigaword: { note: 'no stored evidence that the converter branch exists' },
  multi_news: { note: 'no stored evidence that the converter branch exists' },
  samsum: {
    note: 'no stored evidence that the converter branch exists',
    add: [
      {
        revision: 'refs/pr/7',
        confidence: 'confirmed',
        note: 'pull request with samsum/{train,validation,test}-00000-of-00001.parquet',
        first: true,
      },
      {
        repo: 'knkarthick/samsum',
        config: 'default',
        revision: 'main',
        confidence: 'guessed',
        note: 'community mirror',
      },
    ],
  },
  // Parquet confirmed on main.
  common_gen: { confidence: 'confirmed', note: 'parquet on main' },
  coqa: { confidence: 'confirmed', note: 'parquet on main' },
  yelp_polarity: { confidence: 'confirmed', note: 'parquet on main' },
  ag_news: { confidence: 'confirmed', note: 'parquet on main' },
  cnn_dailymail: { confidence: 'confirmed', note: 'parquet on main' },
};

const registry = JSON.parse(readFileSync(FILE, 'utf8'));
for (const dataset of registry.datasets) {
  for (const task of dataset.tasks) {
    const key = dataset.tasks.length === 1 ? dataset.id : `${dataset.id}/${task.id}`;
    const plan = SOURCES[key] ?? {};
    const entries = Object.entries(task);
    if (task.source) {
      const { columns, ...first } = task.source;
      // A source's confidence: the plan's, else the task's (which was about its one source).
      const source = { ...first, confidence: plan.confidence ?? task.confidence };
      if (source.availability === 'hub' && !source.revision) source.revision = 'main';
      if (plan.note && source.availability === 'hub') source.note = plan.note;
      const out = [];
      for (const [k, v] of entries) {
        if (k === 'source') {
          out.push(['columns', columns], ['sources', [source]]);
        } else out.push([k, v]);
      }
      for (const k of Object.keys(task)) delete task[k];
      Object.assign(task, Object.fromEntries(out));
    }
    for (const alt of plan.add ?? []) {
      const base = task.sources[0];
      const { first, ...rest } = alt;
      const source = { availability: 'hub', repo: base.repo, config: base.config, ...rest };
      const same = (s) =>
        s.repo === source.repo && s.config === source.config && s.revision === source.revision;
      if (task.sources.some(same)) continue;
      if (first) task.sources.unshift(source);
      else task.sources.push(source);
    }
  }
}
writeFileSync(FILE, `${JSON.stringify(registry, null, 2)}\n`);

#!/usr/bin/env node
// Adds each built-in dataset's `license`: a Hugging Face Hub licence id, as the dataset's own publisher states
// it (its paper, repository or download page). Only ids we are sure of are written; every other dataset gets
// `unknown`, and the user checks it at the source (docs/mixing.md, "Licences"). `other` marks a dataset
// whose publisher states its own terms (no standard licence id fits). Re-runnable: it rewrites the field for
// every dataset, places it after `homepage`, and leaves everything else as it is.
//
//   node scripts/registry-licenses.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../datasets.registry.json', import.meta.url);

const LICENSES = {
  anli: 'cc-by-nc-4.0',
  snli: 'cc-by-sa-4.0',
  hellaswag: 'mit',
  arc: 'cc-by-sa-4.0',
  natural_questions: 'cc-by-sa-3.0',
  common_gen: 'mit',
  dart: 'mit',
  e2e_nlg: 'cc-by-sa-4.0',
  para_crawl_enes: 'cc0-1.0',
  fix_punct: 'cc0-1.0',
  bool_q: 'cc-by-sa-3.0',
  drop: 'cc-by-sa-4.0',
  squad: 'cc-by-sa-4.0',
  cosmos_qa: 'cc-by-4.0',
  wsc273: 'cc-by-4.0',
  coqa: 'other',
  quac: 'cc-by-sa-4.0',
  math_dataset: 'apache-2.0',
  cnn_dailymail: 'apache-2.0',
  samsum: 'cc-by-nc-nd-4.0',
};

const registry = JSON.parse(readFileSync(FILE, 'utf8'));
const known = new Set(registry.datasets.map((d) => d.id));
for (const id of Object.keys(LICENSES))
  if (!known.has(id)) throw new Error(`no dataset "${id}" in the registry`);

registry.datasets = registry.datasets.map((d) => {
  const { license: _old, ...rest } = d;
  const out = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] = v;
    if (k === 'homepage') out.license = LICENSES[d.id] ?? 'unknown';
  }
  if (!('license' in out)) out.license = LICENSES[d.id] ?? 'unknown';
  return out;
});
writeFileSync(FILE, `${JSON.stringify(registry, null, 2)}\n`);
const counts = {};
for (const d of registry.datasets) counts[d.license] = (counts[d.license] ?? 0) + 1;
console.log(counts);

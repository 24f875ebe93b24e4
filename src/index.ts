// flanmix: the public API for Node. It is flanmix/core (src/core.ts, browser-safe) plus building, sources,
// tokenizer loading and writers. Every name is a semver promise: add one on purpose, in its group, then run
// `npm run api:update` and commit api/flanmix.api.txt; test/api.test.ts fails until you do (docs/api.md).

export * from './core.js';

// Building a mixture, planning it, rendering templates, reading a user's catalog files.
export {
  type BuildHooks,
  type BuildResult,
  buildMixture,
  type EvalFileReport,
  type MemberReport,
  type PreparedMixture,
  prepareMixture,
  type SkippedTask,
} from './pipeline/build-mixture.js';
export { type CatalogFiles, readCatalogFiles, resolveCatalog } from './pipeline/catalog.js';
export { type BuildOptions, type BuildOptionsInput, BuildOptionsSchema } from './pipeline/options.js';
export { type MemberRate, type MixtureRates, rates } from './pipeline/rates.js';
export { type RenderOptions, render } from './pipeline/render.js';
export {
  type ScoreEvaluationOptions,
  type ScoreEvaluationResult,
  scoreEvaluation,
} from './pipeline/score-evaluation.js';

// Sources: shipped samples, the Hugging Face Hub, local files.
export { SourceError, SourceUnavailableError } from './sources/errors.js';
export { type CheckReport, CheckReportSchema } from './sources/hub/check-schema.js';
export { hubCacheDir } from './sources/hub/settings.js';
export { openSource } from './sources/open.js';
export type { DataSource, EvalSplit, SliceOptions, SourceSpec, TrainingSlice } from './sources/types.js';

// Tokenizers: the shipped default, a tokenizer.json file, or one from the Hub.
export { loadTokenizer } from './tokenize/load-node.js';

// Writers and readers of the output formats.
export { writeJsonlShards } from './write/jsonl-shards.js';
export type { ShardInfo } from './write/shard-file.js';
export { writePackedOutput } from './write/tfrecord/output.js';
export { readTfrecordExamples, readTfrecordFile } from './write/tfrecord/reader.js';
export { writeTfrecordShards } from './write/tfrecord/writer.js';

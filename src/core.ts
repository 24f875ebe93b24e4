// flanmix/core: the browser-safe half of the public API (no `node:` imports; `flanmix` re-exports all of it).
// Every name below is a semver promise. Add one on purpose, in its group, then run `npm run api:update` and
// commit api/flanmix.api.txt; test/api.test.ts fails while the surface and the snapshot differ (docs/api.md).

// Errors: everything a caller can cause is a FlanmixError with one line naming the culprit.
// Adapters and templates.
export { AdapterError, adaptRow, defineAdapter } from './adapters/define.js';
export type { AdaptContext, Adapter, AdaptResult, Example, Row } from './adapters/types.js';
// Catalog: the registry, templates and adapters, built-in and your own.
export { builtinCatalog, type Catalog, type CatalogExtension, extendCatalog } from './catalog/catalog.js';
export { type RenderedExample, type RenderRowsOptions, renderRows } from './catalog/render.js';
// Held-out splits and mixing.
export type { EvalRecord } from './mixture/eval.js';
export type { Member } from './mixture/member.js';
export { type MixDeps, mixRecords, planFor } from './mixture/mix.js';
export type { MixOptions, MixOptionsInput } from './mixture/options.js';
export type { MixturePlan } from './mixture/plan.js';
export { arrayPool, type Pool } from './mixture/pool.js';
export type { Progress } from './mixture/progress.js';
export { exactCounts, mixingRates, type RateOptions } from './mixture/rates.js';
export type { Format, MixtureRecord } from './mixture/record.js';
export { type SizedMixture, type SizedMixtureOptions, sizedMixture } from './mixture/sized.js';
export type { PackReport } from './pack/item.js';
// Tokenized packing.
export type { PackedRow, PackOptions, PackOptionsInput } from './pack/options.js';
export { packExamples } from './pack/pack.js';
export { FlanmixError, OptionError, RegistryError, UnknownNameError } from './registry/errors.js';
export {
  extendRegistry,
  getDataset,
  getTask,
  loadRegistry,
  parseRegistry,
  type TaskRef,
  tasksOf,
} from './registry/load.js';
export {
  CLUSTER_IDS,
  type Cluster,
  type Dataset,
  type Registry,
  type RegistryExtension,
  RegistryExtensionSchema,
  RegistrySchema,
  type Source,
  type Task,
} from './registry/schema.js';
// Metrics for held-out evaluation (the score module keeps its own list).
export * from './score/index.js';
export { type HeldOutSplit, heldOutSplit, type RemovedCluster } from './splits/heldout.js';
export { TemplateError } from './templates/compile.js';
export type { TemplateCatalog } from './templates/load.js';
export type { OptionsStyle } from './templates/options.js';
export { type Rendered, renderTemplate } from './templates/render.js';
export { parseTemplateSet, type TemplateSet } from './templates/set.js';
export { TokenizerError } from './tokenize/prepare.js';
export { tokenizeRecords } from './tokenize/records.js';
export type { TokenizedExample, Tokenizer, TokenizerSpec, TokenizerSpecInput } from './tokenize/types.js';

export { VERSION } from './version.js';

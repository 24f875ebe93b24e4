import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { adapterOf, type Catalog } from '../catalog/catalog.js';
import { onInterrupt } from '../interrupts.js';
import { evalRecords } from '../mixture/eval.js';
import type { TokenCounter } from '../mixture/few-shot.js';
import { assembleFewShot } from '../mixture/few-shot.js';
import type { Member } from '../mixture/member.js';
import { type MixDeps, mixRecords, planFor } from '../mixture/mix.js';
import { SEPARATOR_PRESETS } from '../mixture/options.js';
import type { MixturePlan } from '../mixture/plan.js';
import { type Progress, silentProgress } from '../mixture/progress.js';
import type { MixtureRecord } from '../mixture/record.js';
import { emptyPackReport, type PackReport, packExamples } from '../pack/index.js';
import { featureSpecs } from '../pack/options.js';
import { checkBos } from '../pack/pack.js';
import { FlanmixError, OptionError } from '../registry/errors.js';
import { getDataset, parseCluster, type TaskRef, tasksOf } from '../registry/load.js';
import type { Registry } from '../registry/schema.js';
import { LengthRecorder, recordLengths } from '../report/lengths.js';
import { REPORT, writeReport } from '../report/write.js';
import {
  type DataSource,
  openSource,
  type SliceCounts,
  type SliceResults,
  type SourceOrigin,
  SourceUnavailableError,
} from '../sources/index.js';
import { type HeldOutSplit, heldOutSplit } from '../splits/heldout.js';
import { templatesFor } from '../templates/load.js';
import { charBudget, cutText, FALLBACK_MAX_TOKEN_CHARS } from '../tokenize/cut.js';
import { loadTokenizer, threadCount } from '../tokenize/load-node.js';
import { tokenizeRecords } from '../tokenize/records.js';
import type { Tokenizer } from '../tokenize/types.js';
import { VERSION } from '../version.js';
import { hashFiles, sha256 } from '../write/hashes.js';
import { writeJsonlFile } from '../write/jsonl-shards.js';
import { MANIFEST, writeManifest } from '../write/manifest.js';
import { openOutputFolder } from '../write/output/index.js';
import type { ShardInfo } from '../write/shard-file.js';
import { writeTextShards } from '../write/text-shards.js';
import { type PackedOutput, writePackedOutput } from '../write/tfrecord/output.js';
import { CARD, type CardBuild, writeDatasetCard } from './card.js';
import { resolveCatalog } from './catalog.js';
import { optionConflict } from './option-conflicts.js';
import {
  type BuildOptions,
  type BuildOptionsInput,
  manifestOptions,
  mixOptionsOf,
  parseBuildOptions as parseOptionsOnly,
} from './options.js';

export interface SkippedTask {
  dataset: string;
  task: string;
  reason: string;
}

export interface MemberReport {
  key: string;
  dataset: string;
  task: string;
  cluster: string;
  origin: SourceOrigin;
  counts: SliceCounts;
  pool: number;
  rate: number;
  share: number;
  count: number;
}

export interface EvalFileReport extends ShardInfo {
  dataset: string;
  task: string;
  split: 'validation' | 'test';
  examples: number;
  templates: number;
  /** Where the rows came from (for the Hub: repo, revision, commit, source used, bytes read). */
  origin: SourceOrigin;
}

export interface BuildResult {
  out: string;
  manifest: string;
  members: MemberReport[];
  skipped: SkippedTask[];
  shards: ShardInfo[];
  eval: EvalFileReport[];
  totals: {
    members: number;
    examples: number;
    shards: number;
    evalRecords: number;
    packedRows?: number;
    /** Examples whose text was too long for any row and was cut before tokenizing (absent when none). */
    cutBeforeTokenizing?: number;
  };
  /** Things the caller should know that did not stop the build (a card not written over a user's README.md). */
  warnings: string[];
}

export interface BuildHooks extends MixDeps {
  progress?: Progress;
  env?: Record<string, string | undefined>;
  /** Rows from this source instead of the one the options name (benchmarks, custom data). */
  source?: DataSource;
}

/** The tasks a build trains on, and the held-out tasks it evaluates (none without `heldOut`). */
export function selectTasks(registry: Registry, options: Pick<BuildOptions, 'heldOut' | 'datasets'>) {
  // Registry order whatever order the user named datasets in, so the same set gives the same mixture.
  const named = new Set(options.datasets?.map((id) => getDataset(registry, id).id));
  const pool = options.datasets ? registry.datasets.filter((d) => named.has(d.id)) : registry.datasets;
  const heldOut = options.heldOut.map((c) => parseCluster(registry, c));
  const split: HeldOutSplit | null = heldOut.length ? heldOutSplit(registry, heldOut) : null;
  const trainIds = new Set((split?.train ?? registry.datasets).map((d) => d.id));
  const evalIds = new Set((split?.evaluation ?? []).map((d) => d.id));
  return {
    split,
    // Evaluation-only tasks (wsc273) have no training split and never enter a mixture.
    train: tasksOf(pool.filter((d) => trainIds.has(d.id))).filter((r) => r.task.splits.train !== null),
    evaluation: tasksOf(pool.filter((d) => evalIds.has(d.id))),
  };
}

/** Loads the training slices of the mixture's tasks (on several threads where the source can); skips unavailable ones if asked. */
export async function loadMembers(
  source: DataSource,
  catalog: Catalog,
  refs: readonly TaskRef[],
  options: BuildOptions,
  progress: Progress,
): Promise<{
  members: Member[];
  reports: Omit<MemberReport, 'pool' | 'rate' | 'share' | 'count'>[];
  skipped: SkippedTask[];
}> {
  const registry = catalog.registry;
  const members: Member[] = [];
  const reports: Omit<MemberReport, 'pool' | 'rate' | 'share' | 'count'>[] = [];
  const skipped: SkippedTask[] = [];
  const requests = refs.map((ref) => ({
    ref,
    options: {
      adapter: adapterOf(catalog, ref.dataset.id),
      seed: options.seed,
      cap: options.cap,
      validationSize: options.validationSize,
      progress,
    },
  }));
  const skippable = (e: unknown): e is SourceUnavailableError =>
    e instanceof SourceUnavailableError && options.skipUnavailable;
  // The tokenizer's thread setting serves the reading too: the two never run at once.
  const threads = threadCount(options.tokenizer?.workers ?? 0);
  // Results are taken in task order either way, so the first failure that stops the build is the same.
  const results: SliceResults | undefined =
    source.trainingSlices && threads > 1
      ? await source.trainingSlices(requests, { threads, progress, stop: (e) => !skippable(e) })
      : undefined;
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i]!;
    try {
      const got = results ? settled(results[i], ref) : await source.trainingSlice(ref, requests[i]!.options);
      if (got.train.size === 0)
        throw new SourceUnavailableError(ref.dataset.id, ref.task.id, 'no training examples');
      members.push({
        ref,
        clusterName: registry.clusters.find((c) => c.id === ref.dataset.cluster)!.name,
        templates: templatesFor(catalog.templates, ref.dataset.id, ref.task.id),
        pool: got.train,
      });
      reports.push({
        key: ref.key,
        dataset: ref.dataset.id,
        task: ref.task.id,
        cluster: ref.dataset.cluster,
        origin: got.origin,
        counts: got.counts,
      });
    } catch (e) {
      if (skippable(e)) {
        skipped.push({ dataset: ref.dataset.id, task: ref.task.id, reason: e.reason });
        continue;
      }
      throw e;
    }
  }
  return { members, reports, skipped };
}

/** A slice read with the others: its value, or its failure thrown. */
function settled(result: SliceResults[number], ref: TaskRef) {
  // A task is left unread only after a failure that stops the build, and that was thrown before it.
  if (result === undefined) throw new FlanmixError(`internal: ${ref.key} was never read`);
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Everything a build needs before it writes: the selection, the open source, the members and the plan. */
export interface PreparedMixture {
  options: BuildOptions;
  /** The datasets, templates and adapters the mixture draws on (built-in, plus the user's). */
  catalog: Catalog;
  registry: Registry;
  selection: ReturnType<typeof selectTasks>;
  source: DataSource;
  members: Member[];
  reports: MemberReport[];
  skipped: SkippedTask[];
  plan: MixturePlan;
}

/** Options as given by a caller, checked; a mistake (or a conflict between options) is one FlanmixError line. */
function parseBuildOptions(input: BuildOptionsInput): BuildOptions {
  const options = parseOptionsOnly(input);
  const conflict = optionConflict(options, undefined, false);
  if (conflict) throw new OptionError(`options: ${conflict}`);
  return options;
}

/**
 * Selects the tasks, opens the source and loads every member's training slice, then plans rates and counts.
 * `flanmix rates` stops here; `buildMixture` goes on to write. The caller closes `source`.
 */
export async function prepareMixture(
  input: BuildOptionsInput,
  hooks: BuildHooks = {},
): Promise<PreparedMixture> {
  const options = parseBuildOptions(input);
  const catalog = resolveCatalog(
    { registry: options.registry, templatesDir: options.templatesDir },
    options.catalog,
  );
  const registry = catalog.registry;
  const selection = selectTasks(registry, options);
  if (selection.train.length === 0) throw new FlanmixError('the mixture has no training tasks');
  const source = hooks.source ?? openSource(sourceSpec(options), hooks.env);
  try {
    const loaded = await loadMembers(
      source,
      catalog,
      selection.train,
      options,
      hooks.progress ?? silentProgress,
    );
    if (loaded.members.length === 0) throw new FlanmixError('no training task could be loaded');
    const plan = planFor(loaded.members, mixOptionsOf(options));
    const reports = loaded.reports.map((r, i) => ({ ...r, ...pick(plan, i) }));
    return {
      options,
      catalog,
      registry,
      selection,
      source,
      members: loaded.members,
      reports,
      skipped: loaded.skipped,
      plan,
    };
  } catch (e) {
    await source.close();
    throw e;
  }
}

/**
 * Builds a FLAN-style mixture: source → adapters → training slices → rates and exact counts → seeded
 * interleave → templates → format → few-shot → JSONL shards, plus evaluation files for held-out clusters,
 * and manifest.json last. Same options and seed give byte-identical output.
 */
export async function buildMixture(input: BuildOptionsInput, hooks: BuildHooks = {}): Promise<BuildResult> {
  const parsed = parseBuildOptions(input);
  const out = parsed.out;
  // prepareMixture needs no output folder; a build does.
  if (!out) throw new OptionError('buildMixture needs "out", the output folder');
  // The folder is checked and locked before any data is loaded, so a bad --out fails in a second, and
  // everything is written to a staging folder that replaces the previous build only once it is complete.
  const folder = await openOutputFolder(out, { force: parsed.force });
  const forget = onInterrupt(() => folder.close());
  const warnings: string[] = [];
  try {
    const prepared = await prepareMixture(parsed, hooks);
    const result = await writeBuild(prepared, folder.staging, hooks, async (manifest, card) => {
      // The dataset card goes through the staging folder like every output, so the manifest lists it; a
      // README.md of the user's (in a --force folder) is left alone and the build goes on without a card.
      if (await folder.mayWrite(CARD))
        await writeDatasetCard(folder.staging, prepared.options, prepared.registry, card);
      else warnings.push(`${join(out, CARD)} is not flanmix's: the dataset card was not written`);
      // report.html is written from the manifest, so the manifest lists it ahead.
      await writeManifest(folder.staging, { ...manifest, files: [...(await folder.files()), REPORT].sort() });
      await writeReport(folder.staging);
      await folder.commit();
      return join(out, MANIFEST);
    });
    return { ...result, warnings };
  } finally {
    forget();
    await folder.close();
  }
}

/** Writes a prepared mixture's outputs into `dir`; `finish` writes the manifest and returns its path. */
async function writeBuild(
  prepared: PreparedMixture,
  dir: string,
  hooks: BuildHooks,
  finish: (manifest: Record<string, unknown>, card: CardBuild) => Promise<string>,
): Promise<Omit<BuildResult, 'warnings'>> {
  const progress = hooks.progress ?? silentProgress;
  const { catalog, options, registry, selection, source, members, reports, skipped, plan } = prepared;
  try {
    const tokenizer = await openTokenizer(options, hooks.env);
    let packed: PackedBuild | undefined;
    let shards: ShardInfo[];
    try {
      const deps = {
        ...hooks,
        plan,
        ...(tokenizer && !hooks.countTokens
          ? { countTokens: counter(tokenizer, options.fewShot.maxInputTokens) }
          : {}),
      };
      progress.start('mixing', plan.total, 'examples');
      const records = mixRecords(members, mixOptionsOf(options), deps);
      if (options.output === 'text' || options.output === 'parquet') {
        shards = await writeTextShards(
          records,
          plan.total,
          {
            dir,
            shards: options.shards,
            gzip: options.gzip,
            format: options.output === 'parquet' ? 'parquet' : 'jsonl',
            fields: options.fields,
          },
          () => progress.advance(1),
        );
      } else {
        packed = await writePacked(
          counted(records, () => progress.advance(1)),
          tokenizer!,
          options,
          dir,
        );
        shards = packed.output.shards;
      }
      progress.done();
    } finally {
      await tokenizer?.close?.();
    }

    const evalFiles =
      options.eval && selection.evaluation.length
        ? await writeEvalFiles(source, catalog, selection.evaluation, options, dir, progress, skipped)
        : [];

    const totals = {
      members: reports.length,
      examples: plan.total,
      shards: shards.length,
      evalRecords: evalFiles.reduce((n, f) => n + f.records, 0),
      ...(packed && { packedRows: packed.report.rows }),
      ...(packed?.report.cutBeforeTokenizing && {
        cutBeforeTokenizing:
          packed.report.cutBeforeTokenizing.inputs + packed.report.cutBeforeTokenizing.targets,
      }),
    };
    const manifest = {
      flanmix: VERSION,
      seed: options.seed,
      options: manifestOptions(options),
      hashes: { registry: sha256(JSON.stringify(registry)), templates: hashFiles(catalog.templateFiles) },
      heldOut: selection.split && {
        clusters: selection.split.heldOut,
        removed: selection.split.removed,
        evaluation: selection.evaluation.map((r) => r.key),
      },
      members: reports,
      skipped,
      shards,
      ...(packed && {
        packed: {
          tokenizer: {
            name: packed.tokenizer.name,
            hash: packed.tokenizer.hash,
            vocabSize: packed.tokenizer.vocabSize,
          },
          report: packed.report,
          stats: packed.output.stats,
          info: packed.output.infoFile,
          statsFile: packed.output.statsFile,
          lengths: packed.lengths.histograms,
        },
      }),
      eval: evalFiles,
      totals,
    };
    const manifestPath = await finish(manifest, {
      heldOut: manifest.heldOut,
      members: reports,
      skipped,
      shards,
      eval: evalFiles,
      examples: plan.total,
      ...(packed && { packed: { tokenizer: packed.tokenizer, rows: packed.report.rows } }),
    });
    return {
      out: options.out!, // checked by buildMixture
      manifest: manifestPath,
      members: reports,
      skipped,
      shards,
      eval: evalFiles,
      totals,
    };
  } finally {
    await source.close();
  }
}

/** The tokenizer a build needs: for packed outputs, or when one is named (it then counts few-shot tokens). */
async function openTokenizer(options: BuildOptions, env?: Record<string, string | undefined>) {
  if ((options.output === 'text' || options.output === 'parquet') && !options.tokenizer) return undefined;
  const tokenizer = await loadTokenizer(options.tokenizer ?? { kind: 'default' }, env ?? process.env);
  // A tokenizer without BOS fails now, before an hour of mixing, not at the first packed row.
  if (options.pack.bos) {
    try {
      checkBos(options.pack, tokenizer);
    } catch (e) {
      await tokenizer.close?.();
      throw e;
    }
  }
  return tokenizer;
}

/** Token counts for few-shot pruning; text past the budget is cut first, as it cannot fit anyway. */
function counter(tokenizer: Tokenizer, maxInputTokens: number): TokenCounter {
  const budget = charBudget(maxInputTokens + 1, tokenizer.maxTokenChars ?? FALLBACK_MAX_TOKEN_CHARS);
  return async (texts) =>
    (await tokenizer.encodeBatch(texts.map((t) => cutText(t, budget)))).map((ids) => ids.length);
}

async function* counted<T>(items: AsyncIterable<T>, tick: () => void): AsyncGenerator<T> {
  for await (const item of items) {
    tick();
    yield item;
  }
}

interface PackedBuild {
  tokenizer: Tokenizer;
  report: PackReport;
  output: PackedOutput;
  lengths: LengthRecorder;
}

/** Tokenizes on all cores (order kept), packs per the options, writes TFRecord or packed JSONL shards. */
async function writePacked(
  records: AsyncIterable<MixtureRecord>,
  tokenizer: Tokenizer,
  options: BuildOptions,
  dir: string,
): Promise<PackedBuild> {
  const report = emptyPackReport();
  // The writer is done with each row before it pulls the next, so rows can share their buffers.
  const lengths = new LengthRecorder();
  // Text longer than a row could ever hold is cut before it is encoded (a huge cell stays cheap).
  const maxChars = tokenizer.maxTokenChars ?? FALLBACK_MAX_TOKEN_CHARS;
  const cuts = { inputs: 0, targets: 0 };
  const tokenized = recordLengths(
    tokenizeRecords(records, tokenizer, {
      limits: {
        inputs: charBudget(options.pack.inputLength, maxChars),
        targets: charBudget(options.pack.targetLength, maxChars),
      },
      onCut: (field) => cuts[field]++,
    }),
    lengths,
  );
  const rows = packExamples(tokenized, tokenizer, options.pack, report, {
    reuseRows: true,
  });
  const output = await writePackedOutput(rows, {
    dir,
    shards: options.shards,
    format: options.output === 'tfrecord' ? 'tfrecord' : 'jsonl',
    features: featureSpecs(options.pack),
    gzip: options.gzip,
    info: { layout: options.pack.layout, packer: options.pack.packer, tokenizer: tokenizer.name },
  });
  if (cuts.inputs + cuts.targets > 0) report.cutBeforeTokenizing = cuts;
  return { tokenizer, report, output, lengths };
}

function pick(plan: MixturePlan, i: number) {
  const { pool, rate, share, count } = plan.members[i]!;
  return { pool, rate, share, count };
}

export function sourceSpec(o: BuildOptions) {
  if (o.source === 'local') {
    if (!o.dataDir) throw new OptionError('source "local" needs dataDir (--data-dir)');
    return { kind: 'local' as const, dir: o.dataDir };
  }
  if (o.source === 'hub') {
    // dataDir joins the user's files for the manual datasets to a Hub build.
    return {
      kind: 'hub' as const,
      endpoint: o.hubEndpoint,
      cacheDir: o.cacheDir,
      offline: o.offline,
      localDir: o.dataDir,
      ...(o.hubCommits ? { commits: o.hubCommits } : {}),
    };
  }
  // dataDir joins the user's own datasets' files to a build from samples.
  return { kind: 'samples' as const, ...(o.dataDir ? { localDir: o.dataDir } : {}) };
}

/** Held-out evaluation files: `eval/<dataset>/<task>.<split>.jsonl`, every non-inverted template per example. */
async function writeEvalFiles(
  source: DataSource,
  catalog: Catalog,
  refs: readonly TaskRef[],
  options: BuildOptions,
  out: string,
  progress: Progress,
  skipped: SkippedTask[],
): Promise<EvalFileReport[]> {
  const reports: EvalFileReport[] = [];
  for (const ref of refs) {
    const templates = templatesFor(catalog.templates, ref.dataset.id, ref.task.id);
    const adapter = adapterOf(catalog, ref.dataset.id);
    const splits: { split: 'validation' | 'test'; pool: Member['pool']; origin: SourceOrigin }[] = [];
    try {
      if (ref.task.splits.train !== null) {
        const slice = await source.trainingSlice(ref, {
          adapter,
          seed: options.seed,
          cap: options.cap,
          validationSize: options.validationSize,
          progress,
        });
        splits.push({
          split: 'validation',
          pool: limitPool(slice.validation, options.evalLimit),
          origin: slice.origin,
        });
      }
      const test = await source.evalSplit(ref, { adapter, limit: options.evalLimit, progress });
      splits.push({ split: 'test', pool: test.pool, origin: test.origin });
    } catch (e) {
      if (e instanceof SourceUnavailableError && options.skipUnavailable) {
        skipped.push({ dataset: ref.dataset.id, task: ref.task.id, reason: `evaluation: ${e.reason}` });
        continue;
      }
      throw e;
    }
    const dir = join(out, 'eval', ref.dataset.id);
    await mkdir(dir, { recursive: true });
    for (const { split, pool, origin } of splits) {
      const info = await writeJsonlFile(
        join(dir, `${ref.task.id}.${split}.jsonl`),
        evalRecords(ref, templates, pool, split, {
          allTemplates: options.evalAllTemplates,
          optionsStyle: options.optionsStyle,
          // A model trained on the LaMDA wrapper is scored on wrapped prompts too.
          wrap: options.lamda ? (x) => assembleFewShot([], x, SEPARATOR_PRESETS.flan) : undefined,
        }),
      );
      reports.push({
        ...info,
        file: `eval/${ref.dataset.id}/${info.file}`,
        dataset: ref.dataset.id,
        task: ref.task.id,
        split,
        examples: pool.size,
        templates: templates.templates.filter((t) => options.evalAllTemplates || !t.inverted).length,
        origin,
      });
    }
  }
  return reports;
}

function limitPool(pool: Member['pool'], limit: number | undefined): Member['pool'] {
  if (limit === undefined || pool.size <= limit) return pool;
  return { size: limit, get: (i) => pool.get(i) };
}

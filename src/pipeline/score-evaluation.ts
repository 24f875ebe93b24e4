import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { FlanmixError, formatIssues, OptionError, parseOptions } from '../registry/errors.js';
import { loadRegistry } from '../registry/load.js';
import type { Registry } from '../registry/schema.js';
import type { ScoreReport } from '../score/aggregate.js';
import { type Prediction, PredictionError, parsePrediction, ScoredRecordSchema } from '../score/inputs.js';
import { HTML_MARK, reportHtml } from '../score/report-html.js';
import { MARKDOWN_MARK, reportMarkdown } from '../score/report-markdown.js';
import { EvalScorer, recordId } from '../score/scorer.js';

export interface ScoreEvaluationOptions {
  /** A build folder (holding `eval/`) or its `eval/` folder. */
  eval: string;
  /** JSONL: one line per evaluation record, `{"id", "prediction"}` or `{"id", "option_scores"}`. */
  predictions: string;
  /** Where scores.json, report.md and report.html go; default: the predictions file's folder. */
  out?: string;
  /** Score the records that have predictions instead of failing on the others. */
  allowMissing?: boolean;
  registry?: Registry;
}

/** The options as checked at run time (a caller's typo or wrong type is one OptionError line). */
const ScoreEvaluationOptionsSchema = z.strictObject({
  eval: z.string().min(1),
  predictions: z.string().min(1),
  out: z.string().min(1).optional(),
  allowMissing: z.boolean().optional(),
  registry: z
    .custom<Registry>((v) => typeof v === 'object' && v !== null, 'must be a registry object')
    .optional(),
});

export interface ScoreEvaluationResult {
  report: ScoreReport;
  /** The files written: scores.json, report.md, report.html. */
  files: string[];
}

/** The files `score` writes (and so may replace) in its output folder. */
export const SCORE_FILES = ['scores.json', 'report.md', 'report.html'] as const;

async function* lines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() !== '') yield { text, line };
  }
}

/** `eval/<dataset>/<task>.<split>.jsonl` files under a build folder or its eval folder, in a stable order. */
async function evalFiles(dir: string): Promise<{ root: string; files: string[] }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new OptionError(`--eval: ${dir} is not a folder (give a build folder or its eval/ folder)`);
  const root =
    existsSync(join(dir, 'eval')) && statSync(join(dir, 'eval')).isDirectory() ? join(dir, 'eval') : dir;
  const files: string[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (!entry.isDirectory()) continue;
    const names = (await readdir(join(root, entry.name)))
      .filter((n) => /\.(validation|test)\.jsonl$/.test(n))
      .sort();
    for (const n of names) files.push(join(root, entry.name, n));
  }
  if (files.length === 0)
    throw new OptionError(
      `--eval: no evaluation files (<dataset>/<task>.<split>.jsonl) under ${root}; build with --held-out`,
    );
  return { root, files };
}

/** How each output file shows that `flanmix score` wrote it (and so may replace it). */
const OURS: Record<(typeof SCORE_FILES)[number], (text: string) => boolean> = {
  'scores.json': (t) => {
    try {
      const j = JSON.parse(t) as Record<string, unknown>;
      return typeof j.flanmix === 'string' && typeof j.coverage === 'object' && Array.isArray(j.tasks);
    } catch {
      return false;
    }
  },
  'report.md': (t) => t.startsWith(MARKDOWN_MARK),
  'report.html': (t) => t.includes(HTML_MARK),
};

/** Refuses an output folder that is a build folder, or that holds a file of ours by name but not by content. */
async function checkOutput(out: string): Promise<void> {
  if (existsSync(join(out, 'manifest.json')))
    throw new OptionError(`--out ${out} holds a build (manifest.json); write the scores to another folder`);
  for (const f of SCORE_FILES) {
    const path = join(out, f);
    if (!existsSync(path)) continue;
    if (!statSync(path).isFile() || !OURS[f](await readFile(path, 'utf8')))
      throw new FlanmixError(
        `--out: ${path} exists and was not written by flanmix score; choose another --out (flanmix never overwrites it)`,
      );
  }
}

async function readPredictions(file: string): Promise<Map<string, Prediction>> {
  if (!existsSync(file)) throw new OptionError(`--predictions: ${file} does not exist`);
  const name = basename(file);
  const byId = new Map<string, Prediction>();
  for await (const { text, line } of lines(file)) {
    const p = parsePrediction(text, line, name);
    const seen = byId.get(p.id);
    if (seen) throw new PredictionError(`${name}:${line}: id ${p.id} was already given on line ${seen.line}`);
    byId.set(p.id, p);
  }
  return byId;
}

/**
 * Scores a model's predictions on a build's evaluation files the way the FLAN paper reports them, and writes
 * scores.json, report.md and report.html. Errors name the predictions line or evaluation file line at fault.
 */
export async function scoreEvaluation(options: ScoreEvaluationOptions): Promise<ScoreEvaluationResult> {
  return scoreChecked(parseOptions(ScoreEvaluationOptionsSchema, options, 'scoreEvaluation option'));
}

async function scoreChecked(options: ScoreEvaluationOptions): Promise<ScoreEvaluationResult> {
  const registry = options.registry ?? loadRegistry();
  const { root, files } = await evalFiles(options.eval);
  const predictions = await readPredictions(options.predictions);
  const name = basename(options.predictions);
  const scorer = new EvalScorer(registry, { allowMissing: options.allowMissing ?? false, file: name });
  for (const file of files) {
    const rel = file.slice(root.length + 1);
    for await (const { text, line } of lines(file)) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        throw new FlanmixError(`${rel}:${line}: not valid JSON`);
      }
      const r = ScoredRecordSchema.safeParse(raw);
      if (!r.success)
        throw new FlanmixError(
          `${rel}:${line}: not an evaluation record: ${formatIssues(r.error.issues).replaceAll('\n', '; ')}`,
        );
      const record = { ...r.data, id: recordId(r.data) };
      const prediction = predictions.get(record.id);
      predictions.delete(record.id);
      scorer.add(record, prediction);
    }
  }
  if (predictions.size > 0) {
    const first = [...predictions.values()].sort((a, b) => a.line - b.line)[0]!;
    throw new PredictionError(
      `${name}:${first.line}: id ${first.id} is in no evaluation file under ${root}` +
        (predictions.size > 1 ? ` (${predictions.size} such ids)` : ''),
    );
  }
  const report = scorer.finish();
  const out = options.out ?? dirname(options.predictions);
  await checkOutput(out);
  await mkdir(out, { recursive: true });
  const contents: Record<(typeof SCORE_FILES)[number], string> = {
    'scores.json': `${JSON.stringify(report, null, 2)}\n`,
    'report.md': reportMarkdown(report),
    'report.html': reportHtml(report),
  };
  const written: string[] = [];
  for (const f of SCORE_FILES) {
    const path = join(out, f);
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, contents[f]);
    await rename(tmp, path);
    written.push(path);
  }
  return { report, files: written };
}

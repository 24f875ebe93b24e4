import { z } from 'zod';
import { scoreEvaluation } from '../../pipeline/score-evaluation.js';
import { clusterName, coverageLine, fmt } from '../../score/report-format.js';
import { type Command, UsageError } from '../command.js';
import { validateFlags } from '../parse.js';
import { table } from '../table.js';

const Flags = z.object({
  eval: z.string({ error: 'is required (a build folder or its eval/ folder)' }).min(1),
  predictions: z.string({ error: 'is required (a JSONL file of predictions)' }).min(1),
  out: z.string().min(1).optional(),
  'allow-missing': z.boolean().default(false),
});

export const scoreCommand: Command = {
  name: 'score',
  summary: "score a model's predictions on held-out evaluation files: scores.json, report.md, report.html",
  usage: 'score --eval DIR --predictions FILE [--out DIR] [--allow-missing]',
  flags: {
    eval: {
      type: 'string',
      arg: 'DIR',
      description: 'a build folder made with --held-out (or its eval/ folder)',
    },
    predictions: {
      type: 'string',
      arg: 'FILE',
      description: 'JSONL, one line per record: {"id", "prediction": text} or {"id", "option_scores": [...]}',
    },
    out: {
      type: 'string',
      arg: 'DIR',
      description: "where the scores and reports go (default: the predictions file's folder)",
    },
    'allow-missing': {
      type: 'boolean',
      description: 'score the records that have predictions and report the coverage, instead of failing',
    },
  },
  details: [
    'Options tasks are scored by rank classification from option_scores (log-likelihoods, one per option in the',
    "record's order); generation tasks by the dataset's metric. See docs/evaluation.md.",
    '',
    'Examples:',
    '  flanmix score --eval out/no-nli --predictions runs/model-a/predictions.jsonl',
    '  flanmix score --eval out/no-nli --predictions preds.jsonl --out runs/model-a --allow-missing',
  ].join('\n'),
  async run(values, positionals, io) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const flags = validateFlags(Flags, values);
    const { report, files } = await scoreEvaluation({
      eval: flags.eval,
      predictions: flags.predictions,
      out: flags.out,
      allowMissing: flags['allow-missing'],
    });
    io.stdout(
      table(
        ['cluster', 'datasets', 'mean', 'best dev'],
        report.clusters.map((c) => [clusterName(c.cluster), c.datasets.length, fmt(c.mean), fmt(c.bestDev)]),
      ),
    );
    io.stderr(`${coverageLine(report)}\nwrote ${files.join(', ')}\n`);
    return 0;
  },
};

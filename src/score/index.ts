// Metrics for scoring held-out evaluations (browser-safe: no `node:` imports).

export type { ClusterScore, DatasetScore, ScoreReport, TaskScore, TemplateScore } from './aggregate.js';
export {
  addBleuSentence,
  type BleuStats,
  bleuScore,
  corpusBleu,
  emptyBleuStats,
  tokenize13a,
} from './bleu.js';
export { binaryF1, matthews, pearson, spearman } from './classification.js';
export { wordEditDistance } from './edit-distance.js';
export {
  type Prediction,
  PredictionError,
  PredictionSchema,
  parsePrediction,
  ScoredRecordSchema,
} from './inputs.js';
export { porterStem } from './porter.js';
export { normalizeSquad, normalizeTriviaQa, type QaStyle, qaScores } from './qa.js';
export { reportHtml } from './report-html.js';
export { reportMarkdown } from './report-markdown.js';
export { ROUGE_KEYS, type RougeScores, rouge, rougeMax, rougeTokens } from './rouge.js';
export { EvalScorer, recordId } from './scorer.js';
export type { Metrics } from './tally.js';
export { type MetricFamily, type TaskMetrics, taskMetrics } from './task-metrics.js';

// Metrics for scoring held-out evaluations (browser-safe: no `node:` imports).
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
export { porterStem } from './porter.js';
export { normalizeSquad, normalizeTriviaQa, type QaStyle, qaScores } from './qa.js';
export { ROUGE_KEYS, type RougeScores, rouge, rougeMax, rougeTokens } from './rouge.js';

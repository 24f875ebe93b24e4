import type { Separators } from './options.js';

/** Counts tokens of several texts; the tokenizer when one is configured, else `estimateTokens`. */
export type TokenCounter = (texts: readonly string[]) => number[] | Promise<number[]>;

/**
 * The documented estimate used when no tokenizer is configured: one token per four UTF-16 code units,
 * rounded up. SentencePiece vocabularies of 32k average 3.5–4.5 characters per token on English text,
 * so budgets computed this way are close, and conservative on code-heavy or non-Latin text only roughly.
 */
export const estimateTokens: TokenCounter = (texts) => texts.map((t) => Math.ceil(t.length / 4));

export interface Shot {
  inputs: string;
  targets: string;
}

/**
 * seqio's few-shot assembly: each exemplar as `inputsPrefix + x + xyDelimiter + targetsPrefix + y +
 * exampleSeparator`, then `inputsPrefix + x + xyDelimiter + targetsPrefix.trimEnd()`, outer whitespace
 * trimmed, then `finalSuffix`. With FLAN's separators the zero-shot case is `0 {x} X 1 FLAN`.
 */
export function assembleFewShot(exemplars: readonly Shot[], query: string, s: Separators): string {
  let out = '';
  for (const e of exemplars) {
    out += `${s.inputsPrefix}${e.inputs}${s.xyDelimiter}${s.targetsPrefix}${e.targets}${s.exampleSeparator}`;
  }
  out += `${s.inputsPrefix}${query}${s.xyDelimiter}${s.targetsPrefix.trimEnd()}`;
  return out.trim() + s.finalSuffix;
}

/**
 * FLAN's pruning: exemplars are kept, in order, while the whole assembled input stays within the budget.
 * Every piece `assembleFewShot` emits is counted (prefixes, delimiters, separators, the final suffix), so
 * the budget holds for the text actually written, up to how the tokenizer splits at piece boundaries.
 */
export async function pruneExemplars(
  exemplars: readonly Shot[],
  query: string,
  s: Separators,
  maxInputTokens: number,
  countTokens: TokenCounter,
): Promise<Shot[]> {
  if (exemplars.length === 0) return [];
  const texts = [
    `${s.inputsPrefix}${query}${s.xyDelimiter}${s.targetsPrefix.trimEnd()}${s.finalSuffix}`,
    ...exemplars.map(
      (e) =>
        `${s.inputsPrefix}${e.inputs}${s.xyDelimiter}${s.targetsPrefix}${e.targets}${s.exampleSeparator}`,
    ),
  ];
  const counts = await countTokens(texts);
  let used = counts[0]!;
  const kept: Shot[] = [];
  for (let i = 0; i < exemplars.length; i++) {
    used += counts[1 + i]!;
    if (used > maxInputTokens) break;
    kept.push(exemplars[i]!);
  }
  return kept;
}

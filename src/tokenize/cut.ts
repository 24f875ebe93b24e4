// Pure: text that cannot fit in a row is cut before it reaches the tokenizer, so one huge cell (a 50 MB
// page with no spaces) costs a bounded amount of tokenizer time and memory instead of crashing the build.

/** Characters searched past the budget for a whitespace to cut at, before cutting mid-word. */
const SLACK = 1024;

/** The longest piece a tokenizer's vocabulary is assumed to have when it does not say. */
export const FALLBACK_MAX_TOKEN_CHARS = 256;

/**
 * Characters that surely hold more than `tokens` tokens. No token covers more characters than the
 * vocabulary's longest piece; the factor 2 covers normalizers that fold two characters into one (NFKC
 * composing an accent), so text cut at this length still tokenizes to more than the row can take.
 */
export function charBudget(tokens: number, maxTokenChars: number): number {
  return tokens * Math.max(1, maxTokenChars) * 2 + SLACK;
}

/**
 * `text` cut at the first whitespace at or past `budget` characters, or unchanged when shorter. Words are
 * tokenized independently of what follows a whitespace, so the ids of the kept words, which already
 * exceed the row, are those the whole text would give. With no whitespace within SLACK characters past the
 * budget, the text is cut at the budget itself (never inside a surrogate pair).
 */
export function cutText(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const window = text.slice(budget, budget + SLACK);
  const ws = window.search(/\s/u);
  if (ws >= 0) return text.slice(0, budget + ws);
  let at = budget;
  const c = text.charCodeAt(at - 1);
  if (c >= 0xd800 && c <= 0xdbff) at--;
  return text.slice(0, at);
}

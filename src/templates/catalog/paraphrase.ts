/** Template files of the paraphrase cluster, by path. */
export const files: Record<string, string> = {};

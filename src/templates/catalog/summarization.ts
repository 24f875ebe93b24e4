/** Template files of the summarization cluster, by path. */
export const files: Record<string, string> = {};

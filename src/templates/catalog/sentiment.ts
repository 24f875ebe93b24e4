/** Template files of the sentiment cluster, by path. */
export const files: Record<string, string> = {};

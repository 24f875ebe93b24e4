/** Template files of the misc cluster, by path. */
export const files: Record<string, string> = {};

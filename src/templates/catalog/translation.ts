/** Template files of the translation cluster, by path. */
export const files: Record<string, string> = {};

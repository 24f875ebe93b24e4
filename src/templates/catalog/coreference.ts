/** Template files of the coreference cluster, by path. */
export const files: Record<string, string> = {};

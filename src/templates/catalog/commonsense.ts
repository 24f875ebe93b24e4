/** Template files of the commonsense cluster, by path. */
export const files: Record<string, string> = {};

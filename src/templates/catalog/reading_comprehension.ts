/** Template files of the reading_comprehension cluster, by path. */
export const files: Record<string, string> = {};

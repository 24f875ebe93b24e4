/** Template files of the reading_comprehension_with_commonsense cluster, by path. */
export const files: Record<string, string> = {};

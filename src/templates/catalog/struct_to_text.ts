/** Template files of the struct_to_text cluster, by path. */
export const files: Record<string, string> = {};

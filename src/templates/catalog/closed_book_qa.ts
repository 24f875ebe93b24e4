/** Template files of the closed_book_qa cluster, by path. */
export const files: Record<string, string> = {};

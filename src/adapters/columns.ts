import { z } from 'zod';

/**
 * Integer columns: parquet INT64 (most Hub ClassLabel columns) reaches us as a bigint from hyparquet,
 * INT32 and JSON as a number. Adapters see a plain number either way.
 */
export const int = z.union([z.number().int(), z.bigint()]).transform(Number);

/** A list column (parquet LIST, JSON array). */
export const list = <T extends z.ZodType>(item: T) => z.array(item);

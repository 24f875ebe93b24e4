import { type Rng, shuffleInPlace } from '../mixture/rng.js';
import type { RowTable, RowVisitor } from './table.js';

/**
 * Splits at least this large, and at least GROUP_FACTOR_SPLIT × the rows a slice needs, are sampled by row
 * group; smaller ones keep the uniform sample over every row.
 */
export const GROUP_SAMPLE_MIN_ROWS = 500_000;
const GROUP_FACTOR_SPLIT = 20;
/** The chosen row groups hold at least this many times the rows a slice needs (room for filtered rows). */
export const GROUP_FACTOR = 3;

/**
 * Row-group sampling for a split far larger than its slice: a seeded choice of row groups (holding at least
 * GROUP_FACTOR × `need` rows), read as one smaller table, on which the usual seeded row sample runs. A capped
 * slice of a huge split then reads the bytes of a few row groups instead of touching nearly all of them. The
 * choice depends only on the row-group layout, the seed and the task, so it is the same whichever way the
 * bytes are read. Returns undefined when the split is small enough to sample uniformly.
 */
export function sampleRowGroups(table: RowTable, need: number, random: Rng): RowTable | undefined {
  const sizes = table.groupSizes?.();
  if (!sizes || sizes.length < 2) return undefined;
  if (table.numRows < GROUP_SAMPLE_MIN_ROWS || table.numRows < GROUP_FACTOR_SPLIT * need) return undefined;
  const order = shuffleInPlace(
    Array.from(sizes, (_, i) => i),
    random,
  );
  const chosen: number[] = [];
  let rows = 0;
  for (const g of order) {
    if (rows >= GROUP_FACTOR * need) break;
    if (sizes[g] === 0) continue;
    chosen.push(g);
    rows += sizes[g]!;
  }
  chosen.sort((a, b) => a - b);
  return new GroupSubsetTable(table, sizes, chosen);
}

/** The rows of some row groups of a table, renumbered from 0 in file order. */
export class GroupSubsetTable implements RowTable {
  readonly numRows: number;
  readonly rowGroups: number | undefined;
  /** Global index of the first row of each chosen group, and the subset index it maps to. */
  private readonly globalStarts: number[] = [];
  private readonly localStarts: number[] = [];

  constructor(
    private readonly table: RowTable,
    sizes: readonly number[],
    readonly chosen: readonly number[],
  ) {
    const starts: number[] = [];
    let at = 0;
    for (const s of sizes) {
      starts.push(at);
      at += s;
    }
    let local = 0;
    for (const g of chosen) {
      this.globalStarts.push(starts[g]!);
      this.localStarts.push(local);
      local += sizes[g]!;
    }
    this.localStarts.push(local);
    this.numRows = local;
    this.rowGroups = table.rowGroups;
  }

  get files(): readonly string[] {
    return this.table.files;
  }

  get groupsRead(): number {
    return this.table.groupsRead;
  }

  async scan(wanted: ArrayLike<number> | null, visit: RowVisitor): Promise<void> {
    const locals: number[] = [];
    if (wanted === null) for (let i = 0; i < this.numRows; i++) locals.push(i);
    else for (let k = 0; k < wanted.length; k++) locals.push(wanted[k]!);
    // Subset indices ascend, and so do the global ones (the chosen groups are in file order).
    const global = new Float64Array(locals.length);
    let c = 0;
    for (let k = 0; k < locals.length; k++) {
      const i = locals[k]!;
      while (i >= this.localStarts[c + 1]!) c++;
      global[k] = this.globalStarts[c]! + (i - this.localStarts[c]!);
    }
    let k = 0;
    await this.table.scan(global, (_index, row, file, rowInFile) =>
      visit(locals[k++]!, row, file, rowInFile),
    );
  }

  async close(): Promise<void> {
    await this.table.close();
  }
}

import { join } from 'node:path';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { VERSION } from '../version.js';
import { type ShardLayout, writeContiguousShards } from './jsonl-shards.js';
import { ShardFile, type ShardInfo, shardName } from './shard-file.js';

/** A column of a parquet shard: text, an optional 32-bit integer, or a boolean. */
export interface ParquetColumn {
  name: string;
  kind: 'string' | 'int' | 'boolean';
  /** The record key it is read from (default: `name`). */
  from?: string;
  nullable?: boolean;
}

/** Rows per row group: small enough to bound memory (a group is held as columns before it is encoded). */
export const PARQUET_GROUP_ROWS = 10_000;
/** A group is also cut once its text reaches this many characters, whatever its row count. */
const GROUP_CHARS = 32 * 2 ** 20;

function schemaOf(columns: readonly ParquetColumn[]) {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => {
      const repetition_type = c.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const);
      if (c.kind === 'string')
        return {
          name: c.name,
          type: 'BYTE_ARRAY' as const,
          converted_type: 'UTF8' as const,
          repetition_type,
        };
      if (c.kind === 'int') return { name: c.name, type: 'INT32' as const, repetition_type };
      return { name: c.name, type: 'BOOLEAN' as const, repetition_type };
    }),
  ];
}

/** hyparquet-writer's byte writer, flushed to a shard file after every row group and at the end. */
class ShardSink extends ByteWriter {
  constructor(private readonly file: ShardFile) {
    super(1 << 20);
  }
  async flush(): Promise<void> {
    if (this.index === 0) return;
    // The buffer is reused once flushed: hand the file a copy.
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    await this.file.write(bytes, 0);
  }
  override finish(): Promise<void> {
    return this.flush();
  }
}

/** One parquet shard being written: rows are gathered into columns and encoded a row group at a time. */
class ParquetShard {
  private readonly file: ShardFile;
  private readonly sink: ShardSink;
  private readonly writer: ParquetWriter;
  private columns: unknown[][];
  private rows = 0;
  private chars = 0;
  private total = 0;

  constructor(
    path: string,
    private readonly spec: readonly ParquetColumn[],
  ) {
    this.file = new ShardFile(path);
    this.sink = new ShardSink(this.file);
    this.writer = new ParquetWriter({
      writer: this.sink,
      schema: schemaOf(spec),
      codec: 'SNAPPY',
      createdBy: `flanmix ${VERSION}`,
    });
    this.columns = spec.map(() => []);
  }

  async add(record: Record<string, unknown>): Promise<void> {
    this.spec.forEach((c, i) => {
      const v = record[c.from ?? c.name] ?? null;
      if (typeof v === 'string') this.chars += v.length;
      this.columns[i]!.push(v);
    });
    this.rows++;
    if (this.rows >= PARQUET_GROUP_ROWS || this.chars >= GROUP_CHARS) await this.group();
  }

  private async group(): Promise<void> {
    if (this.rows === 0) return;
    const columnData = this.spec.map((c, i) => ({ name: c.name, data: this.columns[i]! }));
    await this.writer.write({ columnData: columnData as never, rowGroupSize: this.rows });
    this.total += this.rows;
    this.columns = this.spec.map(() => []);
    this.rows = 0;
    this.chars = 0;
  }

  async close(): Promise<ShardInfo> {
    await this.group();
    await this.writer.finish();
    const info = await this.file.close();
    return { ...info, records: this.total };
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/**
 * Writes a stream of known length as parquet shards (snappy, one row group per 10,000 rows), each shard a
 * contiguous range of the stream, like the JSONL shards: `train-00000-of-00008.parquet`.
 */
export async function writeParquetShards(
  records: AsyncIterable<Record<string, unknown>>,
  total: number,
  layout: Omit<ShardLayout, 'gzip'> & { columns: readonly ParquetColumn[] },
  onRecord?: () => void,
): Promise<ShardInfo[]> {
  return writeContiguousShards(
    records,
    total,
    layout.shards,
    (s) =>
      new ParquetShard(
        join(layout.dir, shardName(layout.prefix, s, layout.shards, '.parquet')),
        layout.columns,
      ),
    onRecord,
  );
}

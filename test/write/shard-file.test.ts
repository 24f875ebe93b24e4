import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShardFile } from '../../src/write/shard-file.js';

describe('ShardFile.abort', () => {
  it('leaves no temporary file even when called before the file is open', async () => {
    // The write stream opens its file asynchronously; an abort that removed the file before the open
    // completed left it behind (seen as a flaky writer test on a busy machine).
    const dir = mkdtempSync(join(tmpdir(), 'flanmix-shard-'));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        new ShardFile(join(dir, `s${i}.jsonl`), { gzip: i % 2 === 1 }).abort(),
      ),
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

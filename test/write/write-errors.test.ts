// A full disk, simulated with /dev/full (every write fails with ENOSPC): errors name the file, and the
// manifest's temporary file does not stay behind.
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlanmixError } from '../../src/registry/errors.js';
import { writeManifest } from '../../src/write/manifest.js';
import { ShardFile } from '../../src/write/shard-file.js';
import { tempDir } from '../helpers.js';

const FULL = '/dev/full';

describe.skipIf(!existsSync(FULL))('writes on a full disk', () => {
  it('manifest.json: one line naming the file, and no manifest.json.tmp-PID left', async () => {
    const dir = tempDir();
    // The temporary name the writer uses points at /dev/full, so the write itself hits ENOSPC.
    symlinkSync(FULL, join(dir, `manifest.json.tmp-${process.pid}`));
    const err = await writeManifest(dir, { big: 'x'.repeat(100_000) }).catch((e) => e);
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toBe(`${join(dir, 'manifest.json')}: cannot write: the disk is full (ENOSPC)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a shard: the error names the shard', async () => {
    const dir = tempDir();
    const path = join(dir, 'train-00000-of-00001.jsonl');
    symlinkSync(FULL, `${path}.tmp-${process.pid}`);
    const shard = new ShardFile(path);
    const err = await (async () => {
      for (let i = 0; i < 64; i++) await shard.write('y'.repeat(1 << 16));
      return shard.close();
    })().catch((e) => e);
    expect(err).toBeInstanceOf(FlanmixError);
    expect(err.message).toBe(`${path}: cannot write: the disk is full (ENOSPC)`);
    await shard.abort();
  });
});

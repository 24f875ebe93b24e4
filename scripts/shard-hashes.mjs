// Prints the sha256 of the TFRecord shards of the build that test/pack/shard-hashes.test.ts pins (all
// shipped samples, seed 7, two shards, both packed layouts), made by a given build of flanmix, so the
// pins can be taken from the code before a change: node scripts/shard-hashes.mjs [path/to/dist/index.js]
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const index = process.argv[2] ?? new URL('../dist/index.js', import.meta.url).pathname;
const { buildMixture } = await import(pathToFileURL(index).href);
const out = {};
for (const layout of ['enc-dec', 'decoder-only']) {
  const dir = mkdtempSync(join(tmpdir(), 'flanmix-hashes-'));
  const r = await buildMixture({
    out: join(dir, 'out'),
    seed: 7,
    shards: 2,
    output: 'tfrecord',
    pack: { layout },
    tokenizer: { kind: 'default', workers: 1, native: 'off' },
  });
  out[layout] = r.shards.map((s) =>
    createHash('sha256')
      .update(readFileSync(join(dir, 'out', s.file)))
      .digest('hex'),
  );
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 2));

import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildMixture } from '../../src/pipeline/index.js';
import { FlanmixError } from '../../src/registry/errors.js';
import type { DataSource } from '../../src/sources/index.js';
import { openOutputFolder } from '../../src/write/output/folder.js';
import { LOCK_FILE, STAGING_DIR } from '../../src/write/output/index.js';
import { flanmix, ROOT, readJsonl, tempDir } from '../helpers.js';

/** Every file under a folder with its content, so a test can say "nothing changed". */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'latin1');
  }
  return out;
}

const small = { seed: 1, datasets: ['rte'], shards: 2 };

describe('output folder: only our own files are ever removed or overwritten', () => {
  it('refuses the folder of the report (foreign manifest, eval/, train-*-of-*), changing nothing', () => {
    const u = tempDir();
    mkdirSync(join(u, 'eval', 'experiments'), { recursive: true });
    writeFileSync(join(u, 'eval', 'experiments', 'results.csv'), 'precious\n');
    writeFileSync(join(u, 'train-00000-of-00003.parquet'), 'x\n');
    writeFileSync(join(u, 'manifest.json'), '{"app":1}\n');
    const before = snapshot(u);
    const r = flanmix(['build', '--out', u, '--datasets', 'rte']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('manifest.json was not written by flanmix');
    expect(snapshot(u)).toEqual(before);
    // --force does not make a foreign manifest.json ours either.
    expect(flanmix(['build', '--out', u, '--datasets', 'rte', '--force']).code).toBe(1);
    expect(snapshot(u)).toEqual(before);
  });

  it('refuses a non-empty folder that is not a flanmix output, naming its files; --force builds beside them', async () => {
    const u = tempDir();
    mkdirSync(join(u, 'eval', 'experiments'), { recursive: true });
    writeFileSync(join(u, 'eval', 'experiments', 'results.csv'), 'precious\n');
    writeFileSync(join(u, 'train-00000-of-00003.parquet'), 'x\n');
    const before = snapshot(u);
    const watcher = watch(u, { recursive: true });
    const touched: string[] = [];
    watcher.on('change', (_e, name) => touched.push(String(name)));
    await expect(buildMixture({ ...small, out: u })).rejects.toThrow(
      /holds files flanmix did not write \("eval", "train-00000-of-00003.parquet"\).*--force/,
    );
    await new Promise((r) => setTimeout(r, 50));
    watcher.close();
    // Not even a lock file was created and removed in it.
    expect(touched).toEqual([]);
    expect(snapshot(u)).toEqual(before);

    await buildMixture({ ...small, out: u, force: true, heldOut: ['sentiment'], datasets: ['rte', 'sst2'] });
    await buildMixture({ ...small, out: u, force: true, shards: 1 });
    const after = snapshot(u);
    expect(after['eval/experiments/results.csv']).toBe('precious\n');
    expect(after['train-00000-of-00003.parquet']).toBe('x\n');
    // The first build's sst2 evaluation files and its second shard are gone; the user's eval/ folder stays.
    expect(Object.keys(after).sort()).toEqual([
      'README.md',
      'eval/experiments/results.csv',
      'manifest.json',
      'report.html',
      'train-00000-of-00001.jsonl',
      'train-00000-of-00003.parquet',
    ]);
    const manifest = JSON.parse(after['manifest.json']!);
    expect(manifest.files).toEqual(['README.md', 'report.html', 'train-00000-of-00001.jsonl']);
  });

  it('never writes over a file of the same name it did not write, even with --force', async () => {
    const u = tempDir();
    writeFileSync(join(u, 'train-00001-of-00002.jsonl'), 'mine\n');
    await expect(buildMixture({ ...small, out: u, force: true })).rejects.toThrow(
      /cannot write train-00001-of-00002.jsonl in .*flanmix did not write it/,
    );
    expect(snapshot(u)).toEqual({ 'train-00001-of-00002.jsonl': 'mine\n' });
  });

  it('treats a manifest naming paths outside the folder as not ours', async () => {
    const parent = tempDir();
    const u = join(parent, 'out');
    mkdirSync(u);
    writeFileSync(join(parent, 'victim.txt'), 'keep\n');
    const forged = { flanmix: '0.1.0', seed: 1, options: {}, shards: [{ file: '../victim.txt' }] };
    writeFileSync(join(u, 'manifest.json'), JSON.stringify(forged));
    await expect(buildMixture({ ...small, out: u })).rejects.toThrow(/was not written by flanmix/);
    expect(readFileSync(join(parent, 'victim.txt'), 'utf8')).toBe('keep\n');
  });

  it('does not follow a symlinked folder to remove a listed file outside the output folder', async () => {
    const u = tempDir();
    await buildMixture({ ...small, out: u, heldOut: ['sentiment'], datasets: ['rte', 'sst2'] });
    // Someone replaces eval/ by a link to a folder of their own that happens to hold the same names.
    const elsewhere = tempDir();
    mkdirSync(join(elsewhere, 'sst2'));
    const listed = readdirSync(join(u, 'eval', 'sst2'));
    rmSync(join(u, 'eval'), { recursive: true });
    for (const f of listed) writeFileSync(join(elsewhere, 'sst2', f), 'theirs\n');
    symlinkSync(elsewhere, join(u, 'eval'));
    await buildMixture({ ...small, out: u });
    for (const f of listed) expect(readFileSync(join(elsewhere, 'sst2', f), 'utf8')).toBe('theirs\n');
  });

  it('names a file given as --out', async () => {
    const f = join(tempDir(), 'file');
    writeFileSync(f, 'x');
    await expect(buildMixture({ ...small, out: f })).rejects.toThrow(/is a file, not a folder/);
  });
});

describe('a failed rebuild keeps the previous build whole', () => {
  it('the old build survives a rebuild that fails while writing, and no staging or lock is left', async () => {
    const u = tempDir();
    await buildMixture({ ...small, out: u, heldOut: ['sentiment'], datasets: ['rte', 'sst2'] });
    const before = snapshot(u);
    // The tokenizer is opened after every slice is loaded, in the middle of writing.
    await expect(
      buildMixture({
        ...small,
        out: u,
        output: 'tfrecord',
        tokenizer: { kind: 'file', path: '/nonexistent' },
      }),
    ).rejects.toThrow();
    expect(snapshot(u)).toEqual(before);
    expect(readdirSync(u)).not.toContain(STAGING_DIR);
    expect(readdirSync(u)).not.toContain(LOCK_FILE);
  });

  it('checks the folder before loading any data', async () => {
    const u = tempDir();
    writeFileSync(join(u, 'notes.txt'), 'mine');
    let loads = 0;
    const source: DataSource = {
      kind: 'samples',
      async trainingSlice() {
        loads++;
        throw new Error('must not be reached');
      },
      async evalSplit() {
        loads++;
        throw new Error('must not be reached');
      },
      async close() {},
    };
    await expect(buildMixture({ ...small, out: u }, { source })).rejects.toThrow(FlanmixError);
    expect(loads).toBe(0);
  });

  it('a crash half way through the swap is finished by the next build', async () => {
    const u = tempDir();
    await buildMixture({ ...small, out: u, shards: 3 });
    // Build B into the folder by hand and stop its swap after the first files moved, as kill -9 would.
    const b = tempDir();
    await buildMixture({ ...small, seed: 2, out: b });
    const expected = snapshot(b);
    const folder = await openOutputFolder(u);
    for (const [rel, data] of Object.entries(expected)) {
      mkdirSync(join(folder.staging, rel, '..'), { recursive: true });
      writeFileSync(join(folder.staging, rel), data, 'latin1');
    }
    await expect(
      folder.commit((step) => {
        if (step === 'moved') throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    // The crashed process never released its lock; simulate its death by removing the lock only.
    rmSync(join(u, LOCK_FILE));
    expect(existsSync(join(u, 'manifest.json'))).toBe(false);
    const next = await openOutputFolder(u);
    await next.close();
    expect(snapshot(u)).toEqual(expected);
  });
});

describe('one build at a time per output folder', () => {
  it('a second build into a locked folder fails at once, naming the holder', async () => {
    const u = tempDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: DataSource = {
      kind: 'samples',
      async trainingSlice(ref, o) {
        await gate;
        const { openSource } = await import('../../src/sources/index.js');
        return openSource({ kind: 'samples' }).trainingSlice(ref, o);
      },
      async evalSplit() {
        throw new Error('unused');
      },
      async close() {},
    };
    const first = buildMixture({ ...small, out: u }, { source: slow });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await expect(buildMixture({ ...small, out: u })).rejects.toThrow(
      new RegExp(`in use by another flanmix build \\(pid ${process.pid}`),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    release();
    await first;
    expect(readdirSync(u)).not.toContain(LOCK_FILE);
  });

  it('takes over a lock whose process is dead', async () => {
    const u = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const { hostname } = await import('node:os');
    writeFileSync(
      join(u, LOCK_FILE),
      JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: 'x' }),
    );
    await buildMixture({ ...small, out: u });
    expect(readdirSync(u).sort()).toEqual([
      'README.md',
      'manifest.json',
      'report.html',
      'train-00000-of-00002.jsonl',
      'train-00001-of-00002.jsonl',
    ]);
  });

  it('SIGTERM during a build removes the staging folder and the lock, keeps the old build, exits 143', async () => {
    const u = tempDir();
    await buildMixture({ ...small, out: u });
    const before = snapshot(u);
    // A Hub mirror that accepts connections and never answers: the build waits with the folder locked.
    const sockets: Socket[] = [];
    const hub = createServer(() => {});
    hub.on('connection', (s) => sockets.push(s));
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), 'build', '--out', u, '--datasets', 'rte', '--source', 'hub'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, HF_ENDPOINT: endpoint, HF_HUB_CACHE: tempDir() },
      },
    );
    onTestFinished(() => {
      child.kill('SIGKILL');
      for (const s of sockets) s.destroy();
      hub.close();
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    for (let i = 0; i < 400 && sockets.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(join(u, LOCK_FILE))).toBe(true);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(stderr).toContain('SIGTERM');
    expect(snapshot(u)).toEqual(before);
  });
});

describe('the spill folder on a signal', () => {
  // One task is read on this thread; two go to reading threads that spill into one folder of this one's.
  for (const datasets of [['rte'], ['rte', 'cb']]) {
    it(`SIGTERM while examples of ${datasets.join(' and ')} are spilled to $TMPDIR removes the spill folder, exits 143`, async () => {
      const data = tempDir();
      for (const dataset of datasets) {
        mkdirSync(join(data, dataset));
        const base = readJsonl(join(ROOT, 'samples', 'rte', 'rte.jsonl'));
        const lines = Array.from({ length: 300_000 }, (_, i) => {
          const r = base[i % base.length]!;
          return JSON.stringify({ ...r, premise: `${r.premise as string} (#${i})`, idx: i });
        });
        writeFileSync(join(data, dataset, 'train.jsonl'), lines.join('\n'));
      }
      const tmp = tempDir();
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'dist', 'cli.js'),
          'build',
          '--out',
          join(tempDir(), 'out'),
          '--source',
          'local',
          '--data-dir',
          data,
          '--datasets',
          datasets.join(','),
          '--workers',
          '2',
          '--force-workers',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: tmp } },
      );
      onTestFinished(() => {
        child.kill('SIGKILL');
      });
      let exited = false;
      child.on('exit', () => {
        exited = true;
      });
      const spills = () => readdirSync(tmp).filter((f) => f.startsWith('flanmix-spill-'));
      for (let i = 0; i < 1200 && spills().length === 0 && !exited; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(spills()).toHaveLength(1);
      child.kill('SIGTERM');
      const code = await new Promise((r) => (exited ? r(child.exitCode) : child.on('exit', (c) => r(c))));
      expect(code).toBe(143);
      expect(spills()).toEqual([]);
    }, 60_000);
  }
});

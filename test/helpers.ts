import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** Runs the built CLI (npm test builds before testing; run `npx tsup` when testing alone). */
/** The newest modification time of the files under a folder. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

export function flanmix(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npx tsup` (npm test builds first)');
  if (statSync(CLI).mtimeMs < Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'templates')))) {
    throw new Error('dist/cli.js is older than src/ or templates/: run `npx tsup` (npm test builds first)');
  }
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    cwd,
    maxBuffer: 256 * 2 ** 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The built CLI as a child process, without blocking: for tables of calls run side by side. */
export function flanmixAsync(
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npx tsup` (npm test builds first)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      stdout += t;
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      stderr += t;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI in this process (no build needed), capturing what it prints; stderr is not a terminal. */
export async function runCliCaptured(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  // Imported here so that tests that only spawn the built CLI do not load the sources.
  const { runCli } = await import('../src/cli/run.js');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'flanmix-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function readJsonl<T = Record<string, unknown>>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** Every file under a folder, relative path → bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), join(rel, e.name));
      else out.set(join(rel, e.name), readFileSync(join(d, e.name)));
    }
  };
  walk(dir, '');
  return out;
}

export function trainRecords(dir: string): Record<string, unknown>[] {
  return readdirSync(dir)
    .filter((f) => /^train-\d{5}-of-\d{5}\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => readJsonl<Record<string, unknown>>(join(dir, f)));
}

// The built CLI as users run it: separate processes, exact outputs on small cases worked out by hand.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../src/cli/run.js';
import { flanmix, ROOT, snapshot, tempDir } from './helpers.js';

describe('flanmix build in separate processes', () => {
  it('different working folders and time zones give identical bytes, manifest included', () => {
    flanmix(['--version']); // fails early when dist/ is missing or stale
    const args = ['build', '--out', 'mix', '--datasets', 'rte,cb,xsum,sst2', '--held-out', 'sentiment'];
    const run = (tz: string) => {
      const cwd = tempDir();
      mkdirSync(join(cwd, 'sub'));
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, '--seed', '4'], {
        cwd: join(cwd, 'sub'),
        env: { ...process.env, TZ: tz, LANG: tz === 'UTC' ? 'C' : 'de_DE.UTF-8', LC_ALL: '' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return snapshot(join(cwd, 'sub', 'mix'));
    };
    const a = run('UTC');
    const b = run('Pacific/Chatham'); // UTC+12:45 / +13:45: no date or time may leak into the output
    expect([...a.keys()].sort()).toContain('manifest.json');
    expect([...a.keys()].sort()).toContain(join('eval', 'sst2', 'sst2.test.jsonl'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), file).toBe(true);
  });
});

describe('flanmix rates', () => {
  it('--datasets rte,cb --rate-max 5: total 21, cb 11, rte 10 (worked by hand)', () => {
    // rte ships 14 sample rows, cb 13, none filtered. Validation tail = min(size, floor(n / 4)) = 3 each,
    // so pools are 11 and 10 and the default total is 21. Both rates are capped at 5: shares 1/2, 10.5 each,
    // floors 10 + 10 and the one left goes to the earlier member in registry order, cb.
    const r = flanmix(['rates', '--datasets', 'rte,cb', '--rate-max', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      total: 21,
      members: [
        { key: 'cb', cluster: 'nli', pool: 10, rate: 5, share: 0.5, count: 11 },
        { key: 'rte', cluster: 'nli', pool: 11, rate: 5, share: 0.5, count: 10 },
      ],
      skipped: [],
    });
    const table = flanmix(['rates', '--datasets', 'rte,cb', '--rate-max', '5']);
    expect(table.stdout.split('\n').map((l) => l.trim().split(/\s+/))).toEqual([
      ['member', 'cluster', 'pool', 'rate', 'share', 'count'],
      ['------', '-------', '----', '----', '------', '-----'],
      ['cb', 'nli', '10', '5', '50.00%', '11'],
      ['rte', 'nli', '11', '5', '50.00%', '10'],
      ['2', 'members,', '21', 'examples'],
      [''],
    ]);
  });
});

describe('--help', () => {
  it('every command lists every flag it accepts', async () => {
    for (const cmd of COMMANDS) {
      // In-process through the CLI's entry point: the same text as the binary prints, without six spawns.
      const r = { code: 0, stdout: '' };
      r.code = await runCli([cmd.name, '--help'], {
        stdout: (t) => {
          r.stdout += t;
        },
        stderr: () => {},
        isTTY: false,
        env: {},
        cwd: ROOT,
      });
      expect(r.code, cmd.name).toBe(0);
      for (const [name, flag] of Object.entries(cmd.flags)) {
        expect(r.stdout, `${cmd.name} --${name}`).toMatch(new RegExp(`--${name}\\b`));
        if (flag.short)
          expect(r.stdout, `${cmd.name} -${flag.short}`).toMatch(new RegExp(`-${flag.short}\\b`));
      }
    }
  });

  it('docs/cli.md documents every build and rates flag', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    for (const name of ['build', 'rates']) {
      const cmd = COMMANDS.find((c) => c.name === name)!;
      for (const flag of Object.keys(cmd.flags))
        expect(docs, `${name} --${flag}`).toMatch(new RegExp(`[\`\\s\\[]--${flag}\\b`));
    }
  });
});

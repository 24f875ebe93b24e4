// Progress when stderr is not a terminal: plain lines (no \r, no escape codes), one when a stage starts and
// one every interval with done/total and the rate; nothing with --quiet.
import { describe, expect, it } from 'vitest';
import { ProgressLines } from '../src/cli/progress-lines.js';
import { flanmixAsync, tempDir } from './helpers.js';

describe('ProgressLines', () => {
  it('prints a line per stage and then one per interval, with done/total and the rate', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressLines((s) => out.push(s), { intervalMs: 5000, now: () => t, timer: false });
    p.start('tokenize', 1_412_891, 'examples');
    t = 1000;
    p.advance(41_300); // within the interval: no line
    t = 5000;
    p.advance(165_200 - 41_300); // 165,200 in 5 s
    t = 6000;
    p.advance(1000); // within the next interval: no line
    p.start('fetch', 2_500_000, 'bytes');
    t = 16_000;
    p.advance(1_000_000); // 1 MB in 10 s
    p.done();
    p.advance(5); // after done: nothing
    expect(out).toEqual([
      'flanmix: tokenize (1,412,891 examples)\n',
      'flanmix: tokenize 165,200/1,412,891 examples (33,040/s)\n',
      'flanmix: fetch (2.5 MB)\n',
      'flanmix: fetch 1.0 MB/2.5 MB (100.0 kB/s)\n',
    ]);
  });

  it('a stalled stage still prints a line every interval (a timer that does not keep the process alive)', async () => {
    const out: string[] = [];
    const p = new ProgressLines((s) => out.push(s), { intervalMs: 20 });
    p.start('download', 1000, 'bytes');
    await new Promise((r) => setTimeout(r, 150));
    p.done();
    const count = out.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(out.length).toBe(count);
    expect(out.slice(1).length).toBeGreaterThanOrEqual(2);
    expect(out[1]).toMatch(/^flanmix: download 0 B\/1\.0 kB \(0 B\/s\)\n$/);
  });

  it('without a total it prints the amount done', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressLines((s) => out.push(s), { intervalMs: 1000, now: () => t, timer: false });
    p.start('reading', undefined, 'rows');
    t = 2000;
    p.advance(300);
    expect(out).toEqual(['flanmix: reading\n', 'flanmix: reading 300 rows (150/s)\n']);
  });
});

describe('flanmix build with stderr a pipe', () => {
  const args = () => ['build', '--out', tempDir(), '--datasets', 'rte,cb,copa', '--shards', '1'];

  it('prints plain progress lines, every interval (FLANMIX_PROGRESS_INTERVAL_MS)', async () => {
    const r = await flanmixAsync(args(), { FLANMIX_PROGRESS_INTERVAL_MS: '0' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\u001b');
    const lines = r.stderr.split('\n');
    expect(lines).toContain('flanmix: mixing (32 examples)');
    expect(
      lines.filter((l) => /^flanmix: mixing \d+\/32 examples \([\d,]+\/s\)$/.test(l)).length,
    ).toBeGreaterThan(1);
    expect(lines.some((l) => /^flanmix: rte: reading samples \(14 rows\)$/.test(l))).toBe(true);
  });

  it('--quiet prints no progress, only the summary', async () => {
    const r = await flanmixAsync([...args(), '--quiet'], { FLANMIX_PROGRESS_INTERVAL_MS: '0' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^flanmix: /m);
    expect(r.stderr).toMatch(/3 members, 32 examples/);
  });
});

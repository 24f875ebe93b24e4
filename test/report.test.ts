import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketLabels, lengthBucket } from '../src/report/lengths.js';
import { HAS_BROWSER, launchBrowser } from './browser.js';
import { flanmix, tempDir } from './helpers.js';

const SHOTS = process.env.FLANMIX_SCREENSHOTS ?? tempDir('flanmix-shots-');

interface Manifest {
  members: { key: string; cluster: string; count: number }[];
  totals: { examples: number; evalRecords: number };
  skipped: unknown[];
  packed?: {
    report: { examples: number; rows: number; truncatedInputs: number; truncatedTargets: number };
    stats: { inputs_fill: number; targets_fill: number };
    lengths: Record<string, { inputs: number[]; targets: number[] }>;
  };
}

const text = tempDir();
const packed = tempDir();
let textManifest: Manifest;
let packedManifest: Manifest;

beforeAll(() => {
  const a = flanmix([
    'build',
    '--out',
    text,
    '--datasets',
    'rte,copa,cb,anli,imdb,squad,xsum',
    '--held-out',
    'nli',
  ]);
  expect(a.code, a.stderr).toBe(0);
  textManifest = JSON.parse(readFileSync(join(text, 'manifest.json'), 'utf8'));
  const b = flanmix([
    'build',
    '--out',
    packed,
    '--datasets',
    'copa,imdb,squad,xsum,aeslc',
    '--output',
    'tfrecord',
    '--input-length',
    '64',
    '--target-length',
    '16',
  ]);
  expect(b.code, b.stderr).toBe(0);
  packedManifest = JSON.parse(readFileSync(join(packed, 'manifest.json'), 'utf8'));
});

describe('report.html', () => {
  it('is written next to the manifest, self-contained: no scripts, links or remote addresses', () => {
    const html = readFileSync(join(text, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toContain('<svg');
  });

  it('flanmix report regenerates the same file, and refuses to replace a file it did not write', () => {
    const path = join(text, 'report.html');
    const before = readFileSync(path, 'utf8');
    rmSync(path);
    const r = flanmix(['report', text]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(before);
    const mine = tempDir();
    writeFileSync(join(mine, 'manifest.json'), readFileSync(join(text, 'manifest.json')));
    writeFileSync(join(mine, 'report.html'), 'my notes');
    const refused = flanmix(['report', mine]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('report.html exists and was not written by flanmix');
    expect(readFileSync(join(mine, 'report.html'), 'utf8')).toBe('my notes');
  });

  it('names a folder without a manifest', () => {
    const r = flanmix(['report', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json is missing: is .* a flanmix build folder\?/);
  });

  it('a packed build records token-length histograms per cluster covering every example', () => {
    const lengths = packedManifest.packed!.lengths;
    const perCluster: Record<string, number> = {};
    for (const m of packedManifest.members) perCluster[m.cluster] = (perCluster[m.cluster] ?? 0) + m.count;
    for (const [cluster, n] of Object.entries(perCluster)) {
      expect(lengths[cluster]!.inputs.reduce((a, b) => a + b, 0)).toBe(n);
      expect(lengths[cluster]!.targets.reduce((a, b) => a + b, 0)).toBe(n);
      expect(lengths[cluster]!.inputs).toHaveLength(bucketLabels().length);
    }
  });

  it('length buckets: <16, 16–31, …, 1024–2047, ≥2048', () => {
    expect([0, 15, 16, 31, 32, 1023, 1024, 2047, 2048, 10 ** 6].map(lengthBucket)).toEqual([
      0, 0, 1, 1, 2, 6, 7, 7, 8, 8,
    ]);
    expect(bucketLabels()).toEqual([
      '<16',
      '16–31',
      '32–63',
      '64–127',
      '128–255',
      '256–511',
      '512–1023',
      '1024–2047',
      '≥2048',
    ]);
  });
});

describe.skipIf(!HAS_BROWSER)('report.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens from disk and shows the manifest’s numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(text, 'report.html')).href);
    const rows = await page.$$eval('#members tbody tr', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-key'),
        Number(tr.querySelector('.planned')!.textContent!.replaceAll(',', '')),
        Number(tr.querySelector('.written')!.textContent!.replaceAll(',', '')),
      ]),
    );
    expect(rows).toEqual(textManifest.members.map((m) => [m.key, m.count, m.count]));
    const bars = await page.$$eval('#chart-members g.bar', (gs) =>
      gs.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-value0'))]),
    );
    expect(Object.fromEntries(bars)).toEqual(
      Object.fromEntries(textManifest.members.map((m) => [m.key, m.count])),
    );
    const num = async (sel: string) => Number((await page.textContent(sel))!.replaceAll(',', ''));
    expect(await num('#stat-planned b')).toBe(textManifest.totals.examples);
    expect(await num('#stat-written b')).toBe(textManifest.totals.examples);
    expect(await num('#stat-eval b')).toBe(textManifest.totals.evalRecords);
    expect(await page.textContent('#composition')).toContain('written count equals its planned count');
    expect(await page.textContent('#build, main')).toContain('paraphrase is removed when nli is held out');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'report-text.png'), fullPage: false });
    await page.close();
  });

  it('shows packing fill, truncation and token lengths of a packed build', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(packed, 'report.html')).href);
    const p = packedManifest.packed!;
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
    expect(await page.textContent('#stat-inputs-fill b')).toBe(pct(p.stats.inputs_fill));
    expect(await page.textContent('#stat-targets-fill b')).toBe(pct(p.stats.targets_fill));
    expect(await page.textContent('#stat-truncated-inputs b')).toBe(
      p.report.truncatedInputs.toLocaleString('en'),
    );
    expect(await page.textContent('#stat-truncated-targets b')).toBe(
      p.report.truncatedTargets.toLocaleString('en'),
    );
    const heat = await page.$$eval('#lengths-inputs g.hrow', (gs) =>
      Object.fromEntries(gs.map((g) => [g.getAttribute('data-key'), g.getAttribute('data-counts')])),
    );
    expect(heat).toEqual(
      Object.fromEntries(Object.entries(p.lengths).map(([c, h]) => [c, h.inputs.join(',')])),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'report-packed.png'), fullPage: true });
    expect(statSync(join(SHOTS, 'report-packed.png')).size).toBeGreaterThan(10_000);
    await page.close();
  });
});

// report.html in a real headless browser: self-contained (no requests, no scripts), a table per cluster, a
// labelled chart per task, no horizontal overflow; a screenshot is left in the temp folder for people to look at.
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/registry/index.js';
import type { ScoredRecord } from '../../src/score/inputs.js';
import { reportHtml } from '../../src/score/report-html.js';
import { EvalScorer } from '../../src/score/scorer.js';
import { HAS_BROWSER, launchBrowser } from '../browser.js';

/** rte (options) and squad (generation, 2 tasks), six templates, plus fix_punct: three clusters. */
function report() {
  const s = new EvalScorer(loadRegistry());
  let line = 0;
  const add = (
    dataset: string,
    task: string,
    split: 'validation' | 'test',
    ex: number,
    tpl: number,
    p: object,
    r: Partial<ScoredRecord>,
  ) => {
    const id = `${dataset}/${task}/${split}/${ex}/${tpl}`;
    const record = {
      id,
      dataset,
      task,
      split,
      example: ex,
      template: tpl,
      inverted: false,
      targets: 'yes',
      options: null,
      answers: ['yes'],
      ...r,
    };
    s.add(record as ScoredRecord, { id, line: ++line, ...p } as never);
  };
  for (const split of ['validation', 'test'] as const)
    for (let tpl = 0; tpl < 6; tpl++)
      for (let ex = 0; ex < 10; ex++) {
        const right = ex < 4 + tpl;
        add(
          'rte',
          'rte',
          split,
          ex,
          tpl,
          { option_scores: right ? [0, -1] : [-1, 0] },
          { options: ['yes', 'no'] },
        );
        for (const task of ['v1', 'v2'])
          add(
            'squad',
            task,
            split,
            ex,
            tpl,
            { prediction: right ? 'the Nile' : 'Amazon river' },
            { targets: 'Nile', answers: ['Nile', 'the Nile river'] },
          );
        add(
          'fix_punct',
          'fix_punct',
          split,
          ex,
          tpl,
          { prediction: right ? 'Hi, there.' : 'hi there' },
          { targets: 'Hi, there.' },
        );
      }
  return s.finish();
}

describe.skipIf(!HAS_BROWSER)('report.html in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is self-contained, has a table per cluster and a labelled chart per task, and fits the window', async () => {
    const r = report();
    const html = reportHtml(r);
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (q) => requests.push(q.url()));
    await page.setContent(html, { waitUntil: 'load' });
    expect(requests).toEqual([]);

    expect(await page.locator('section').count()).toBe(r.clusters.length);
    expect(await page.locator('section table').count()).toBe(r.clusters.length);
    expect(await page.locator('section table tbody tr').count()).toBe(r.tasks.length);
    const svgs = page.locator('figure svg');
    expect(await svgs.count()).toBe(r.tasks.length);
    // Axis titles and tick labels on every chart; one bar per template, the best dev template's in its colour.
    for (let i = 0; i < r.tasks.length; i++) {
      const texts = await svgs.nth(i).locator('text').allTextContents();
      expect(texts).toContain('template');
      expect(texts.some((t) => /accuracy|F1|edit distance/.test(t))).toBe(true);
      expect(texts).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '5']));
      expect(await svgs.nth(i).locator('rect').count()).toBe(6);
    }
    const rte = page.locator('figure', { hasText: 'rte' }).locator('rect');
    expect(await rte.nth(5).getAttribute('fill')).toBe('var(--best)');
    expect(await rte.nth(0).getAttribute('fill')).toBe('var(--bar)');
    // The cluster summary: rte's mean over templates is (40+50+…+90)/6 = 65, best dev (template 5) 90.
    const nli = page.locator('#clusters tbody tr', { hasText: 'Natural language inference' });
    expect(await nli.locator('td').allTextContents()).toEqual([
      'Natural language inference',
      '1',
      '65.0',
      '90.0',
    ]);

    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: 900 });
      const [scroll, inner] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      expect(scroll, `width ${width}`).toBeLessThanOrEqual(inner!);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const shot = join(tmpdir(), 'flanmix-score-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    await page.close();
  });
});

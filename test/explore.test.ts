import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_BROWSER, launchBrowser } from './browser.js';
import { flanmix, ROOT, tempDir } from './helpers.js';

/** Where the page screenshots go (docs/ when refreshing the committed ones). */
const SHOTS = process.env.FLANMIX_SCREENSHOTS ?? join(tempDir('flanmix-shots-'));

interface RenderLine {
  row: number;
  template: number;
  inverted: boolean;
  inputs: string;
  targets: string;
}

function render(args: string[]): RenderLine[] {
  const r = flanmix(['render', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RenderLine);
}

async function templatesOnPage(page: Page) {
  return page.$$eval('article.template', (cards) =>
    cards.map((c) => ({
      template: Number(c.getAttribute('data-template')),
      inverted: c.classList.contains('is-inverted'),
      inputs: c.querySelector('pre.inputs')!.textContent,
      targets: c.querySelector('pre.targets')!.textContent,
    })),
  );
}

/** Drops a file on the page's drop zone, as a user dragging it from their desktop would. */
async function dropFile(page: Page, name: string, base64: string) {
  await page.evaluate(
    ([name, base64]) => {
      const bytes = Uint8Array.from(atob(base64!), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name!));
      document
        .getElementById('drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    },
    [name, base64],
  );
}

describe.skipIf(!HAS_BROWSER)('flanmix explore in Chromium', () => {
  let server: ChildProcess;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'explore', '--port', '0'], { cwd: ROOT });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      server.once('exit', (code) => reject(new Error(`flanmix explore exited with ${code}`)));
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page may reach its own origin only.
    await page.route('**/*', (route) =>
      route.request().url().startsWith(url) || route.request().url().startsWith('blob:')
        ? route.continue()
        : route.abort(),
    );
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill();
  });

  it('renders a dataset’s ten templates exactly as flanmix render does', async () => {
    await page.goto(`${url}#templates/rte`);
    await page.waitForSelector('body[data-ready] article.template');
    const shown = await templatesOnPage(page);
    const expected = render(['rte', '--limit', '1']);
    expect(shown).toHaveLength(10);
    expect(shown).toEqual(
      expected.map(({ template, inverted, inputs, targets }) => ({ template, inverted, inputs, targets })),
    );
    expect(shown.some((t) => t.inputs.includes('OPTIONS:\n- yes\n- no'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'explore-templates.png') });
  });

  it('picks a dataset from the sidebar, a task and a row', async () => {
    await page.click('nav.sidebar a[data-dataset="anli"]');
    await page.waitForSelector('select#task');
    await page.selectOption('select#task', 'r2');
    await page.waitForSelector('.templates[data-task="anli/r2"]');
    const second = await page.$eval('select#example', (s) => (s as HTMLSelectElement).options[1]!.value);
    await page.selectOption('select#example', second);
    const row = Number(await page.getAttribute('.templates', 'data-row'));
    const expected = render(['anli', '--task', 'r2', '--limit', '2']).filter((l) => l.row === row);
    expect(expected).toHaveLength(10);
    const shown = await templatesOnPage(page);
    expect(shown.map((t) => t.inputs)).toEqual(expected.map((l) => l.inputs));
    expect(shown.map((t) => t.targets)).toEqual(expected.map((l) => l.targets));
  });

  it('renders rows from a JSONL file dropped on the page', async () => {
    await page.goto(`${url}#templates/rte`);
    await page.waitForSelector('#drop');
    const jsonl = [
      {
        idx: 0,
        premise: 'The ferry to the island stops running in November.',
        hypothesis: 'The ferry runs all year.',
        label: 1,
      },
      {
        idx: 1,
        premise: 'Mara planted tomatoes along the south wall.',
        hypothesis: 'Mara has a garden.',
        label: 0,
      },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'my-rte.jsonl', { type: 'application/jsonl' }));
      document
        .getElementById('drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    }, jsonl);
    await page.waitForFunction(() => document.querySelector('pre.inputs')?.textContent?.includes('ferry'));
    const shown = await templatesOnPage(page);
    expect(shown).toHaveLength(10);
    expect(shown[0]!.inputs).toContain('The ferry to the island stops running in November.');
    expect(shown[0]!.inputs).toContain('The ferry runs all year.');
    // Label 1 is "no" in rte's option order; non-inverted templates answer with it.
    expect(shown.filter((t) => !t.inverted).every((t) => t.targets === 'no')).toBe(true);
    expect(await page.textContent('label:has(select#example)')).toContain('my-rte.jsonl');
  });

  it('renders rows from a parquet file (read by hyparquet in the page) and from a CSV file', async () => {
    await page.goto(`${url}#templates/copa`);
    await page.waitForSelector('#drop');
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'premise', data: ['The kettle whistled on the stove.'], type: 'STRING' },
        { name: 'choice1', data: ['Someone turned the heat off.'], type: 'STRING' },
        { name: 'choice2', data: ['The water had come to a boil.'], type: 'STRING' },
        { name: 'question', data: ['cause'], type: 'STRING' },
        { name: 'idx', data: [0], type: 'INT32' },
        { name: 'label', data: [1], type: 'INT32' },
      ],
    });
    await dropFile(page, 'mine.parquet', Buffer.from(parquet).toString('base64'));
    await page.waitForFunction(() => document.querySelector('pre.inputs')?.textContent?.includes('kettle'));
    const shown = await templatesOnPage(page);
    expect(shown).toHaveLength(10);
    expect(shown.filter((t) => !t.inverted).every((t) => t.targets === 'The water had come to a boil.')).toBe(
      true,
    );
    expect(shown[0]!.inputs).toContain(
      'OPTIONS:\n- Someone turned the heat off.\n- The water had come to a boil.',
    );

    const csv =
      'premise,choice1,choice2,question,idx,label\n"The lamp went dark, all at once.",The bulb burned out.,The room got brighter.,cause,0,0\n';
    await dropFile(page, 'mine.csv', Buffer.from(csv).toString('base64'));
    await page.waitForFunction(() =>
      document.querySelector('pre.inputs')?.textContent?.includes('lamp went dark'),
    );
    const fromCsv = await templatesOnPage(page);
    expect(fromCsv.filter((t) => !t.inverted).every((t) => t.targets === 'The bulb burned out.')).toBe(true);
  });

  it('reports a dropped file that does not fit the task, naming the column', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{"text":"no premise here"}'], 'wrong.jsonl'));
      document
        .getElementById('drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
    });
    const error = await page.waitForSelector('[role=alert]');
    expect(await error.textContent()).toMatch(/premise/);
  });

  it('plans the mixture from registry sizes with the numbers of flanmix rates --json', async () => {
    await page.goto(`${url}#mixture`);
    await page.waitForSelector('#chart-members g.bar');
    await page.check('input[name=heldOut][value=nli]');
    await page.waitForFunction(() => !document.querySelector('#chart-members g.bar[data-key="rte"]'));
    const bars = await page.$$eval('#chart-members g.bar', (gs) =>
      gs.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-value0'))]),
    );
    const r = flanmix(['rates', '--sizes', 'registry', '--held-out', 'nli', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rates = JSON.parse(r.stdout) as {
      total: number;
      members: { key: string; cluster: string; count: number }[];
    };
    expect(bars).toEqual(rates.members.map((m) => [m.key, m.count]));
    expect(await page.textContent('#stat-total b')).toBe(rates.total.toLocaleString('en'));
    const clusters = await page.$$eval('#chart-clusters g.bar', (gs) =>
      Object.fromEntries(gs.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-value0'))])),
    );
    const expected: Record<string, number> = {};
    for (const m of rates.members) expected[m.cluster] = (expected[m.cluster] ?? 0) + m.count;
    expect(clusters).toEqual(expected);
    // Holding out nli also takes paraphrase out (the paper's rule), and the page says so.
    expect(clusters.paraphrase).toBeUndefined();
    expect(await page.textContent('.removed-list')).toContain('paraphrase is removed when nli is held out');
    await page.screenshot({ path: join(SHOTS, 'explore-mixture.png'), fullPage: true });
  });

  it('exports the options as a --config file that flanmix accepts', async () => {
    await page.fill('input[name=rateMax]', '2000');
    await page.fill('input[name=total]', '500000');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = join(tempDir(), 'flanmix-config.json');
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      heldOut: ['nli'],
      rateMax: 2000,
      total: 500000,
    });
    const r = flanmix(['rates', '--config', file, '--sizes', 'registry', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const counts = JSON.parse(r.stdout).members.map((m: { key: string; count: number }) => [m.key, m.count]);
    const bars = await page.$$eval('#chart-members g.bar', (gs) =>
      gs.map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-value0'))]),
    );
    expect(bars).toEqual(counts);
  });
});

describe('flanmix explore --static', () => {
  it('writes index.html and app.js, and never overwrites a file it did not write', () => {
    const dir = tempDir();
    const r = flanmix(['explore', '--static', dir]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<script src="app.js"></script>');
    expect(html).toContain('"rte/rte":[');
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toContain('OPTIONS:');
    expect(flanmix(['explore', '--static', dir]).code).toBe(0);
    const other = tempDir();
    writeFileSync(join(other, 'index.html'), '<p>mine</p>');
    const refused = flanmix(['explore', '--static', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('index.html exists and was not written by flanmix');
    expect(readFileSync(join(other, 'index.html'), 'utf8')).toBe('<p>mine</p>');
  });
});

import type { ScoreReport, TaskScore } from './aggregate.js';
import { clusterName, coverageLine, fmt, headlineOf, metricLabel } from './report-format.js';

// report.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the cluster
// summary, a table per cluster, and per task a bar chart of its templates' test scores, so the spread across
// templates (the paper's robustness question) is visible at a glance.

/** Marks report.html as flanmix's, so a later run may replace it. */
export const HTML_MARK = '<meta name="generator" content="flanmix score">';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bar: #4c78a8; --best: #e45756; --mean: #2f3640; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 48px; background: #fff; min-height: 100vh; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-top: 12px; border-top: 1px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 20px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { font-size: 13px; color: var(--muted); font-weight: 600; background: #f6f8fa; }
td.num, th.num { text-align: right; }
tbody tr:nth-child(even) { background: #fafbfc; }
.wrap { overflow-x: auto; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; margin: 10px 0 6px; }
figure { margin: 0; padding: 10px 10px 4px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
figcaption { font-weight: 600; font-size: 14px; margin: 0 0 2px; overflow-wrap: anywhere; }
figcaption span { font-weight: 400; color: var(--muted); }
svg { display: block; width: 100%; height: auto; }
svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
svg .axis-title { font-size: 11.5px; fill: var(--ink); }
.legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 13px; margin: 6px 0 0; }
.key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-right: 5px; }
.note { color: var(--muted); font-size: 13px; }
ul.notes { color: var(--muted); font-size: 14px; padding-left: 20px; }
`;

const W = 340;
const H = 210;
const M = { left: 46, right: 10, top: 12, bottom: 40 };

/** A y range with round ticks: 0–100 for scores (wider if a correlation is negative), 0–max for distances. */
function yScale(t: TaskScore, values: number[]): { lo: number; hi: number; ticks: number[] } {
  if (t.higherIsBetter) {
    const lo = Math.min(0, Math.floor(Math.min(...values, 0) / 25) * 25);
    const ticks: number[] = [];
    for (let v = lo; v <= 100; v += 25) ticks.push(v);
    return { lo, hi: 100, ticks };
  }
  const max = Math.max(...values, 1);
  const step = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 5, 10].map((k) => k * step).find((s) => max / s <= 5)!;
  const hi = Math.ceil(max / nice) * nice;
  const ticks: number[] = [];
  for (let v = 0; v <= hi + 1e-9; v += nice) ticks.push(Number(v.toPrecision(6)));
  return { lo: 0, hi, ticks };
}

function chart(t: TaskScore): string {
  const temps = t.templates.map((x) => x.template);
  const vals = t.templates.map((x) => headlineOf(t, x.template));
  const present = vals.filter((v): v is number => v !== null);
  const { lo, hi, ticks } = yScale(t, present);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const y = (v: number) => M.top + ph - ((v - lo) / (hi - lo)) * ph;
  const slot = pw / Math.max(temps.length, 1);
  const bw = Math.min(26, slot * 0.62);
  const parts: string[] = [];
  for (const v of ticks) {
    const yy = y(v).toFixed(1);
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${yy}" y2="${yy}" stroke="${v === 0 ? '#8c959f' : '#e6eaef'}"/>`,
      `<text x="${M.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${v}</text>`,
    );
  }
  const best = t.bestDev?.template;
  temps.forEach((tpl, i) => {
    const cx = M.left + slot * (i + 0.5);
    const v = vals[i];
    if (v !== null && v !== undefined) {
      const top = y(Math.max(v, lo));
      const base = y(Math.max(lo, Math.min(0, hi)));
      const [y0, y1] = top < base ? [top, base] : [base, top];
      parts.push(
        `<rect x="${(cx - bw / 2).toFixed(1)}" y="${y0.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(y1 - y0, 0.5).toFixed(1)}" fill="${tpl === best ? 'var(--best)' : 'var(--bar)'}"><title>template ${tpl}: ${fmt(v, t.higherIsBetter)}</title></rect>`,
      );
    }
    parts.push(`<text x="${cx.toFixed(1)}" y="${H - M.bottom + 14}" text-anchor="middle">${tpl}</text>`);
  });
  const mean = t.mean[t.metric];
  if (typeof mean === 'number') {
    const yy = y(mean).toFixed(1);
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${yy}" y2="${yy}" stroke="var(--mean)" stroke-width="1.5" stroke-dasharray="5 3"><title>mean ${fmt(mean, t.higherIsBetter)}</title></line>`,
    );
  }
  parts.push(
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + ph}" stroke="#8c959f"/>`,
    `<text class="axis-title" x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle">template</text>`,
    `<text class="axis-title" transform="translate(12 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(metricLabel(t.metric))}${t.higherIsBetter ? '' : ' (lower is better)'}</text>`,
  );
  const label = `${t.key}: ${metricLabel(t.metric)} per template on the test split`;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}">${parts.join('')}</svg>`;
}

function taskRow(t: TaskScore): string {
  const vals = t.templates.map((x) => headlineOf(t, x.template)).filter((v): v is number => v !== null);
  const spread = vals.length
    ? `${fmt(Math.min(...vals), t.higherIsBetter)}–${fmt(Math.max(...vals), t.higherIsBetter)}`
    : '–';
  const best = t.bestDev
    ? `${fmt(t.bestDev.test[t.metric], t.higherIsBetter)} (t${t.bestDev.template})`
    : '–';
  const others = t.metrics
    .filter((m) => m !== t.metric)
    .map((m) => `${metricLabel(m)} ${fmt(t.mean[m], t.higherIsBetter)}`)
    .join(', ');
  return `<tr><td>${esc(t.key)}</td><td>${esc(metricLabel(t.metric))}${t.higherIsBetter ? '' : ' ↓'}</td><td class="num">${fmt(t.mean[t.metric], t.higherIsBetter)}</td><td class="num">${best}</td><td class="num">${spread}</td><td class="num">${t.templates.length}</td><td class="num">${t.coverage.scored}/${t.coverage.records}</td><td>${esc(others) || '–'}</td></tr>`;
}

/** The whole report as one HTML document. */
export function reportHtml(r: ScoreReport): string {
  const body: string[] = [
    '<h1>Held-out evaluation</h1>',
    `<p class="meta">flanmix ${esc(r.flanmix)} · ${esc(coverageLine(r))}</p>`,
    '<p>Zero-shot scores on held-out clusters, on a 0–100 scale. Each task is scored per template; the tables give the mean over its templates and the test score of the template that did best on the validation slice (best dev template). A cluster averages its datasets. The charts show how much the score moves from one template to another.</p>',
    '<div class="wrap"><table id="clusters"><thead><tr><th>cluster</th><th class="num">datasets</th><th class="num">mean over templates</th><th class="num">best dev template</th></tr></thead><tbody>',
    ...r.clusters.map(
      (c) =>
        `<tr><td><a href="#${esc(c.cluster)}">${esc(clusterName(c.cluster))}</a></td><td class="num">${c.datasets.length}</td><td class="num">${fmt(c.mean)}</td><td class="num">${fmt(c.bestDev)}</td></tr>`,
    ),
    '</tbody></table></div>',
  ];
  for (const c of r.clusters) {
    const tasks = r.tasks.filter((t) => t.cluster === c.cluster);
    body.push(
      `<section id="${esc(c.cluster)}"><h2>${esc(clusterName(c.cluster))}</h2>`,
      c.datasets.length
        ? `<p class="meta">Cluster mean over templates ${fmt(c.mean)}, with the best dev template ${fmt(c.bestDev)} (${c.datasets.length} ${c.datasets.length === 1 ? 'dataset' : 'datasets'}).</p>`
        : '<p class="meta">No cluster mean: none of the datasets scored here is on a 0–100 scale.</p>',
      '<div class="wrap"><table><thead><tr><th>task</th><th>metric</th><th class="num">mean</th><th class="num">best dev (template)</th><th class="num">range over templates</th><th class="num">templates</th><th class="num">scored</th><th>other metrics (mean)</th></tr></thead><tbody>',
      ...tasks.map(taskRow),
      '</tbody></table></div>',
    );
    if (c.notAveraged.length)
      body.push(
        `<p class="note">Not in the cluster mean (not a 0–100 score): ${esc(c.notAveraged.join(', '))}.</p>`,
      );
    body.push(
      '<div class="legend"><span><i class="key" style="background:var(--bar)"></i>test score per template</span><span><i class="key" style="background:var(--best)"></i>best dev template</span><span><i class="key" style="background:none;border-top:2px dashed var(--mean);height:0;border-radius:0"></i>mean over templates</span></div>',
      '<div class="charts">',
      ...tasks.map(
        (t) =>
          `<figure><figcaption>${esc(t.key)} <span>· ${esc(metricLabel(t.metric))} mean ${fmt(t.mean[t.metric], t.higherIsBetter)}</span></figcaption>${chart(t)}</figure>`,
      ),
      '</div></section>',
    );
  }
  body.push(
    '<h2>How these numbers are made</h2>',
    '<ul class="notes">',
    ...r.notes.map((n) => `<li>${esc(n)}</li>`),
    '</ul>',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${HTML_MARK}
<title>flanmix held-out evaluation</title>
<style>${STYLE}</style>
</head>
<body><main>
${body.join('\n')}
</main></body>
</html>
`;
}

// The build report as one self-contained HTML page: inline CSS and SVG, no scripts or requests, so it opens
// from disk. Pure: it takes the manifest (and the written counts) and returns the page.

import { barChart, CLUSTER_COLORS } from '../html/bar-chart.js';
import { BASE_CSS } from '../html/base-css.js';
import { esc, int, pct } from '../html/escape.js';
import { heatmap } from '../html/heatmap.js';
import { bucketLabels } from './lengths.js';
import type { ReportInput } from './model.js';

/** Marks a report.html flanmix wrote, so a later build or `flanmix report` may replace it. */
export const REPORT_GENERATOR = 'flanmix report';

const CSS = `
main{max-width:1100px;margin:0 auto;padding:18px 20px 40px}
#options{width:auto;min-width:420px}#options th{width:160px}
section.card h2{margin-bottom:10px}
.note{font-size:13px;color:#5b6570;margin:6px 0 0}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f0f2f5;padding:1px 4px;border-radius:3px}
td.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.ok{color:#1f7a3a;font-weight:600}.bad{color:#a32012;font-weight:600}
`;

export function reportHtml({ manifest: m, written, clusters }: ReportInput): string {
  const names = new Map(clusters.map((c) => [c.id, c.name]));
  const colors = new Map(clusters.map((c, i) => [c.id, CLUSTER_COLORS[i % CLUSTER_COLORS.length]!]));
  const ordered = clusters
    .map((c) => ({ ...c, members: m.members.filter((x) => x.cluster === c.id) }))
    .filter((c) => c.members.length);
  const planned = m.members.reduce((a, x) => a + x.count, 0);
  const shardRecords = m.shards.reduce((a, s) => a + s.records, 0);
  const writtenTotal = written ? Object.values(written).reduce((a, b) => a + b, 0) : undefined;
  const o = m.options;
  const sections = [
    summary(),
    composition(),
    m.packed ? packing() : '',
    m.packed?.lengths ? lengths() : '',
    skipped(),
    sources(),
    m.eval.length ? evalFiles() : '',
    shards(),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${REPORT_GENERATOR}">
<title>flanmix build report</title>
<style>${BASE_CSS}${CSS}</style>
</head>
<body>
<header class="top"><h1>flanmix <span>build report · ${esc(m.flanmix)}</span></h1></header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;

  function summary() {
    const held = m.heldOut?.clusters.length
      ? m.heldOut.clusters.map((c) => names.get(c) ?? c).join(', ')
      : 'none';
    const opts = [
      ['seed', m.seed],
      ['source', o.source],
      ['output', o.output],
      ['held out', held],
      ['cap', o.cap],
      ['rate maximum', o.rateMax],
      ['temperature', o.temperature],
      ['format', o.format],
      ['templates', o.templates],
    ]
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<tr><th>${esc(String(k))}</th><td>${esc(String(v))}</td></tr>`)
      .join('');
    const removed = m.heldOut?.removed.length
      ? `<p class="note">Out of training: ${m.heldOut.removed.map((r) => `${esc(names.get(r.cluster) ?? r.cluster)} (${esc(r.rule)})`).join('; ')}.</p>`
      : '';
    return `<div class="stats">
${stat('members', int(m.members.length), 'members')}
${stat('planned', int(planned), 'examples planned')}
${stat('written', int(writtenTotal ?? m.packed?.report.examples ?? shardRecords), written ? 'examples written' : 'examples packed')}
${m.packed ? stat('rows', int(m.packed.report.rows), 'packed rows') : ''}
${stat('shards', int(m.shards.length), 'training shards')}
${stat('eval', int(m.totals.evalRecords), 'evaluation records')}
${stat('skipped', int(m.skipped.length), 'tasks skipped')}
</div>
<section class="card"><h2>Build</h2><table class="data" id="options">${opts}</table>${removed}</section>`;
  }

  function composition() {
    const series = written ? ['planned', 'written'] : undefined;
    const vals = (keys: { key: string; count: number }[]) =>
      written
        ? [sum(keys, (k) => k.count), sum(keys, (k) => written[k.key] ?? 0)]
        : [sum(keys, (k) => k.count)];
    const byCluster = barChart({
      title: 'Training examples by cluster',
      axis: 'training examples',
      series,
      width: 1040,
      labelWidth: 290,
      groups: [
        {
          label: '',
          rows: ordered.map((c) => ({
            key: c.id,
            label: c.name,
            values: vals(c.members),
            color: colors.get(c.id)!,
            title: `${c.name}: ${int(sum(c.members, (x) => x.count))} planned (${pct(sum(c.members, (x) => x.share))})`,
          })),
        },
      ],
    });
    const byMember = barChart({
      title: 'Training examples by dataset and task',
      axis: 'training examples',
      series,
      width: 1040,
      groups: ordered.map((c) => ({
        label: c.name,
        note: `${int(sum(c.members, (x) => x.count))} planned`,
        rows: c.members.map((x) => ({
          key: x.key,
          label: x.key,
          values: vals([x]),
          color: colors.get(c.id)!,
          title: `${x.key}: pool ${int(x.pool)}, rate ${int(x.rate)}, share ${pct(x.share)}, ${int(x.count)} planned`,
        })),
      })),
    });
    const check = written
      ? writtenTotal === planned && m.members.every((x) => written[x.key] === x.count)
        ? '<p class="note"><span class="ok">Every member’s written count equals its planned count.</span></p>'
        : `<p class="note"><span class="bad">Written counts differ from the plan</span> (${int(writtenTotal!)} written, ${int(planned)} planned).</p>`
      : `<p class="note">Packed shards do not record which member each example came from; the packer placed ${int(m.packed?.report.examples ?? shardRecords)} of ${int(planned)} planned examples.</p>`;
    const rows = m.members
      .map(
        (x) =>
          `<tr data-key="${esc(x.key)}"><td>${esc(x.key)}</td><td>${esc(names.get(x.cluster) ?? x.cluster)}</td><td class="num">${int(x.pool)}</td><td class="num">${int(x.rate)}</td><td class="num">${pct(x.share)}</td><td class="num planned">${int(x.count)}</td>${written ? `<td class="num written">${int(written[x.key] ?? 0)}</td>` : ''}</tr>`,
      )
      .join('');
    return `<section class="card" id="composition"><h2>Composition</h2>${check}
<h3>By cluster</h3><div class="chart" id="chart-clusters">${byCluster}</div>
<h3>By dataset</h3><div class="chart" id="chart-members">${byMember}</div>
<h3>Members</h3><table class="data" id="members"><thead><tr><th>member</th><th>cluster</th><th class="num">pool</th><th class="num">rate</th><th class="num">share</th><th class="num">planned</th>${written ? '<th class="num">written</th>' : ''}</tr></thead><tbody>${rows}</tbody></table></section>`;
  }

  function packing() {
    const p = m.packed!;
    const fill = (v: number | null | undefined) => (v === null || v === undefined ? '–' : pct(v));
    const r = p.report;
    return `<section class="card" id="packing"><h2>Packing</h2><div class="stats">
${stat('inputs-fill', fill(p.stats.inputs_fill), 'input slots filled')}
${stat('targets-fill', fill(p.stats.targets_fill), 'target slots filled')}
${p.stats.row_fill !== undefined ? stat('row-fill', fill(p.stats.row_fill), 'row filled') : ''}
${stat('truncated-inputs', int(r.truncatedInputs), `inputs truncated (${pct(r.examples ? r.truncatedInputs / r.examples : 0)})`)}
${stat('truncated-targets', int(r.truncatedTargets), `targets truncated (${pct(r.examples ? r.truncatedTargets / r.examples : 0)})`)}
</div><p class="note">Tokenizer <code>${esc(p.tokenizer.name)}</code>; ${int(r.examples)} examples in ${int(r.rows)} rows (${r.rows ? (r.examples / r.rows).toFixed(2) : '0'} per row); ${int(p.stats.inputs_tokens)} input and ${int(p.stats.targets_tokens)} target tokens, EOS included.</p></section>`;
  }

  function lengths() {
    const h = m.packed!.lengths!;
    const rows = (side: 'inputs' | 'targets') =>
      ordered.filter((c) => h[c.id]).map((c) => ({ key: c.id, label: c.name, counts: h[c.id]![side] }));
    const chart = (side: 'inputs' | 'targets') =>
      heatmap({
        title: `${side === 'inputs' ? 'Input' : 'Target'} token lengths by cluster`,
        columnsAxis: `${side === 'inputs' ? 'input' : 'target'} tokens per example (before truncation, EOS excluded)`,
        columns: bucketLabels(),
        rows: rows(side),
        labelWidth: 290,
      });
    return `<section class="card" id="lengths"><h2>Token lengths</h2><p class="note">Share of each cluster’s examples in each length bucket.</p>
<h3>Inputs</h3><div class="chart" id="lengths-inputs">${chart('inputs')}</div>
<h3>Targets</h3><div class="chart" id="lengths-targets">${chart('targets')}</div></section>`;
  }

  function skipped() {
    if (!m.skipped.length)
      return '<section class="card" id="skipped"><h2>Skipped tasks</h2><p class="note">None: every selected task was built.</p></section>';
    const rows = m.skipped
      .map((s) => `<tr><td>${esc(s.dataset)}</td><td>${esc(s.task)}</td><td>${esc(s.reason)}</td></tr>`)
      .join('');
    return `<section class="card" id="skipped"><h2>Skipped tasks</h2><table class="data"><thead><tr><th>dataset</th><th>task</th><th>why</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }

  function sources() {
    const rows = m.members
      .map((x) => {
        const s = x.origin;
        const where = s.repo ? `${s.repo}${s.config ? ` (${s.config})` : ''}` : s.kind;
        const filtered = Object.entries(x.counts.filtered)
          .map(([k, v]) => `${k}: ${int(v)}`)
          .join('; ');
        return `<tr><td>${esc(x.key)}</td><td>${esc(where)}</td><td>${esc(s.split ?? '')}</td><td>${esc(s.revision ?? '')}</td><td class="hash">${esc(s.commit ?? '–')}</td><td class="num">${int(s.files.length)}</td><td class="num">${int(x.counts.rows)}</td><td>${esc(filtered)}</td></tr>`;
      })
      .join('');
    return `<section class="card" id="sources"><h2>Sources</h2><table class="data"><thead><tr><th>member</th><th>source</th><th>split</th><th>revision</th><th>commit</th><th class="num">files</th><th class="num">rows</th><th>filtered</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }

  function evalFiles() {
    const rows = m.eval
      .map(
        (e) =>
          `<tr><td>${esc(e.file)}</td><td>${esc(e.split)}</td><td class="num">${int(e.examples)}</td><td class="num">${int(e.records)}</td></tr>`,
      )
      .join('');
    return `<section class="card" id="eval"><h2>Evaluation files</h2><table class="data"><thead><tr><th>file</th><th>split</th><th class="num">examples</th><th class="num">records</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }

  function shards() {
    const rows = m.shards
      .map(
        (s) =>
          `<tr><td>${esc(s.file)}</td><td class="num">${int(s.records)}</td><td class="num">${int(s.bytes)}</td><td class="hash">${esc(s.sha256.slice(0, 16))}…</td></tr>`,
      )
      .join('');
    return `<section class="card" id="shards"><h2>Training shards</h2><table class="data"><thead><tr><th>file</th><th class="num">records</th><th class="num">bytes</th><th>sha256</th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }
}

function stat(id: string, value: string, label: string) {
  return `<div class="stat" id="stat-${id}"><b>${esc(value)}</b><span class="muted">${esc(label)}</span></div>`;
}

function sum<T>(items: readonly T[], f: (x: T) => number): number {
  return items.reduce((a, x) => a + f(x), 0);
}

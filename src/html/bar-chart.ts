// A horizontal bar chart as an SVG string: rows grouped under headings, one or two series, a labelled value
// axis with gridlines. Pure string building, so the explorer (browser) and the build report (Node) share it.
import { esc, int } from './escape.js';

export interface BarRow {
  /** Stable id, written as `data-key` on the row (tests and links find bars by it). */
  key: string;
  label: string;
  /** One value per series. */
  values: readonly number[];
  color: string;
  /** Tooltip text. */
  title?: string;
}

export interface BarGroup {
  label: string;
  /** Shown at the right of the heading (e.g. the group's total). */
  note?: string;
  rows: readonly BarRow[];
}

export interface BarChartSpec {
  /** Accessible name of the chart. */
  title: string;
  /** Label of the value axis, e.g. "examples in the mixture". */
  axis: string;
  groups: readonly BarGroup[];
  /** Series names (legend), one per value; a single series needs none. */
  series?: readonly string[];
  width?: number;
  labelWidth?: number;
  /** Formats the value printed after each bar. */
  format?: (n: number) => string;
}

const ROW = 18;
const HEAD = 24;
const AXIS = 44;
const TOP = 8;
const VALUE_ROOM = 84;

/** A round step for about `target` ticks up to `max` (1, 2 or 5 times a power of ten). */
export function tickStep(max: number, target = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 760;
  const labelWidth = spec.labelWidth ?? 230;
  const series = spec.series ?? [''];
  const fmt = spec.format ?? int;
  const plot = width - labelWidth - VALUE_ROOM;
  const max = Math.max(0, ...spec.groups.flatMap((g) => g.rows.flatMap((r) => r.values)));
  const step = tickStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const x = (v: number) => labelWidth + (v / top) * plot;
  const legend = series.length > 1 ? 22 : 0;
  const rowH = series.length > 1 ? ROW + 6 : ROW;
  const head = (g: BarGroup) => (g.label ? HEAD : 4);
  const bodyH = spec.groups.reduce((h, g) => h + head(g) + g.rows.length * rowH, 0);
  const height = TOP + legend + bodyH + AXIS;
  const out: string[] = [];
  out.push(
    `<svg class="bar-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<title>${esc(spec.title)}</title>`);
  const bottom = TOP + legend + bodyH;
  // Gridlines and ticks first, so bars draw over them.
  for (let v = 0; v <= top + step / 2; v += step) {
    const gx = x(v).toFixed(1);
    out.push(
      `<line x1="${gx}" x2="${gx}" y1="${TOP + legend}" y2="${bottom}" stroke="#e3e6ea" stroke-width="1"/>`,
      `<text x="${gx}" y="${bottom + 16}" text-anchor="middle" fill="#555">${esc(fmt(v))}</text>`,
    );
  }
  out.push(
    `<line x1="${labelWidth}" x2="${labelWidth + plot}" y1="${bottom}" y2="${bottom}" stroke="#888"/>`,
    `<text class="axis-label" x="${labelWidth + plot / 2}" y="${bottom + 36}" text-anchor="middle" fill="#333" font-weight="600">${esc(spec.axis)}</text>`,
  );
  if (series.length > 1) {
    let lx = labelWidth;
    series.forEach((name, i) => {
      out.push(
        `<rect x="${lx}" y="${TOP + 2}" width="12" height="12" fill="#4a6fa5" fill-opacity="${i === 0 ? 1 : 0.45}"/>`,
        `<text x="${lx + 16}" y="${TOP + 12}" fill="#333">${esc(name)}</text>`,
      );
      lx += 24 + name.length * 7;
    });
  }
  let y = TOP + legend;
  for (const g of spec.groups) {
    out.push(`<text class="group" x="4" y="${y + 16}" font-weight="700" fill="#222">${esc(g.label)}</text>`);
    if (g.note)
      out.push(
        `<text x="${width - 4}" y="${y + 16}" text-anchor="end" font-weight="700" fill="#222">${esc(g.note)}</text>`,
      );
    y += head(g);
    for (const r of g.rows) {
      const data = r.values.map((v, i) => ` data-value${i}="${v}"`).join('');
      out.push(`<g class="bar" data-key="${esc(r.key)}"${data}>`);
      if (r.title) out.push(`<title>${esc(r.title)}</title>`);
      out.push(
        `<text x="${labelWidth - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="#333">${esc(r.label)}</text>`,
      );
      const barH = series.length > 1 ? (rowH - 6) / series.length : rowH - 6;
      r.values.forEach((v, i) => {
        const by = y + 3 + i * barH;
        const w = Math.max(v > 0 ? 1 : 0, x(v) - labelWidth);
        out.push(
          `<rect x="${labelWidth}" y="${by.toFixed(1)}" width="${w.toFixed(1)}" height="${barH.toFixed(1)}" fill="${esc(r.color)}" fill-opacity="${i === 0 ? 1 : 0.45}"/>`,
        );
      });
      const last = r.values.length > 1 ? r.values.map(fmt).join(' / ') : fmt(r.values[0] ?? 0);
      const vx = x(Math.max(...r.values)) + 6;
      out.push(
        `<text class="value" x="${vx.toFixed(1)}" y="${y + rowH / 2 + 4}" fill="#333">${esc(last)}</text>`,
        '</g>',
      );
      y += rowH;
    }
  }
  out.push('</svg>');
  return out.join('');
}

/** One colour per cluster, in registry order: readable on white, distinct side by side. */
export const CLUSTER_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#b8a21e',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#6b6ecf',
  '#8c8c8c',
  '#2f8f83',
];

// A labelled heatmap as an SVG string: rows (e.g. clusters) by columns (e.g. token-length buckets), each
// cell shaded by its share of the row and printed as a percentage.
import { esc, int } from './escape.js';

export interface HeatmapSpec {
  title: string;
  /** Label under the column axis. */
  columnsAxis: string;
  columns: readonly string[];
  rows: readonly { key: string; label: string; counts: readonly number[] }[];
  labelWidth?: number;
}

export function heatmap(spec: HeatmapSpec): string {
  const labelWidth = spec.labelWidth ?? 230;
  const cell = 70;
  const rowH = 22;
  const top = 8;
  const width = labelWidth + spec.columns.length * cell + 70;
  const height = top + spec.rows.length * rowH + 46;
  const out = [
    `<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(spec.title)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${esc(spec.title)}</title>`,
  ];
  spec.rows.forEach((r, i) => {
    const y = top + i * rowH;
    const total = r.counts.reduce((a, b) => a + b, 0);
    out.push(
      `<g class="hrow" data-key="${esc(r.key)}" data-counts="${r.counts.join(',')}">`,
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#333">${esc(r.label)}</text>`,
    );
    r.counts.forEach((n, j) => {
      const share = total ? n / total : 0;
      const x = labelWidth + j * cell;
      out.push(
        `<rect x="${x}" y="${y}" width="${cell - 2}" height="${rowH - 2}" fill="#2b6cb0" fill-opacity="${(0.06 + share * 0.94).toFixed(3)}"><title>${esc(`${r.label}, ${spec.columns[j]} tokens: ${int(n)} (${(share * 100).toFixed(1)}%)`)}</title></rect>`,
      );
      if (n > 0)
        out.push(
          `<text x="${x + (cell - 2) / 2}" y="${y + 14}" text-anchor="middle" fill="${share > 0.45 ? '#fff' : '#1d2329'}">${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%</text>`,
        );
    });
    out.push(
      `<text x="${labelWidth + spec.columns.length * cell + 6}" y="${y + 15}" fill="#555">${esc(int(total))}</text>`,
      '</g>',
    );
  });
  const by = top + spec.rows.length * rowH;
  spec.columns.forEach((c, j) => {
    out.push(
      `<text x="${labelWidth + j * cell + (cell - 2) / 2}" y="${by + 14}" text-anchor="middle" fill="#555">${esc(c)}</text>`,
    );
  });
  out.push(
    `<text x="${labelWidth + (spec.columns.length * cell) / 2}" y="${by + 36}" text-anchor="middle" font-size="12" font-weight="600" fill="#333">${esc(spec.columnsAxis)}</text>`,
    `<text x="${labelWidth + spec.columns.length * cell + 6}" y="${by + 14}" fill="#555">examples</text>`,
    '</svg>',
  );
  return out.join('');
}

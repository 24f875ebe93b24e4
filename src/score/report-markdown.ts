import type { ScoreReport } from './aggregate.js';
import { clusterName, coverageLine, fmt, headlineOf, metricLabel, templateColumns } from './report-format.js';

/** First line of report.md: marks the file as flanmix's, so a later run may replace it. */
export const MARKDOWN_MARK = '<!-- written by flanmix score -->';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const rule = (n: number) => row(Array.from({ length: n }, () => '---'));

/** report.md: the cluster summary, then per cluster a table of its tasks with every template's score. */
export function reportMarkdown(r: ScoreReport): string {
  const out: string[] = [
    MARKDOWN_MARK,
    '# Held-out evaluation',
    '',
    `flanmix ${r.flanmix}. ${coverageLine(r)}.`,
    '',
    '## Clusters',
    '',
    row(['cluster', 'datasets', 'mean over templates', 'best dev template']),
    rule(4),
    ...r.clusters.map((c) =>
      row([clusterName(c.cluster), String(c.datasets.length), fmt(c.mean), fmt(c.bestDev)]),
    ),
    '',
  ];
  for (const c of r.clusters) {
    const tasks = r.tasks.filter((t) => t.cluster === c.cluster);
    const cols = templateColumns(tasks);
    out.push(
      `## ${clusterName(c.cluster)}`,
      '',
      row(['task', 'metric', 'mean', 'best dev (template)', ...cols.map((t) => `t${t}`), 'scored']),
      rule(5 + cols.length),
    );
    for (const t of tasks) {
      const best = t.bestDev
        ? `${fmt(t.bestDev.test[t.metric], t.higherIsBetter)} (t${t.bestDev.template})`
        : '–';
      out.push(
        row([
          t.key,
          metricLabel(t.metric) + (t.higherIsBetter ? '' : ' ↓'),
          fmt(t.mean[t.metric], t.higherIsBetter),
          best,
          ...cols.map((x) => fmt(headlineOf(t, x), t.higherIsBetter)),
          `${t.coverage.scored}/${t.coverage.records}`,
        ]),
      );
    }
    const others = tasks.flatMap((t) =>
      t.metrics
        .filter((m) => m !== t.metric)
        .map((m) => `${t.key} ${metricLabel(m)} ${fmt(t.mean[m], t.higherIsBetter)}`),
    );
    out.push('');
    if (others.length) out.push(`Other metrics (mean over templates): ${others.join('; ')}.`, '');
    if (c.notAveraged.length)
      out.push(`Not in the cluster mean (not a 0–100 score): ${c.notAveraged.join(', ')}.`, '');
  }
  out.push('## How these numbers are made', '', ...r.notes.map((n) => `- ${n}`), '');
  return `${out.join('\n')}`;
}

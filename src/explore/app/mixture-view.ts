// The mixture from the registry's published sizes: held-out clusters, cap, rate maximum, temperature and
// total in; members, pools, rates, shares and exact counts out, as charts and a table; options out as a
// `--config` file for `flanmix build`.

import { barChart, CLUSTER_COLORS } from '../../html/bar-chart.js';
import { int, pct } from '../../html/escape.js';
import { type SizedMixture, sizedMixture } from '../../mixture/sized.js';
import type { Cluster, Registry } from '../../registry/schema.js';
import { heldOutSplit } from '../../splits/heldout.js';
import { clear, h } from './dom.js';

interface Options {
  heldOut: Cluster[];
  cap: number;
  rateMax: number;
  temperature: number;
  total: number | undefined;
}

/** The options as `flanmix build --config` reads them (defaults left out, so the file says what changed). */
export function configFile(o: Options): Record<string, unknown> {
  return {
    ...(o.heldOut.length ? { heldOut: o.heldOut } : {}),
    ...(o.cap !== 30000 ? { cap: o.cap } : {}),
    ...(o.rateMax !== 3000 ? { rateMax: o.rateMax } : {}),
    ...(o.temperature !== 1 ? { temperature: o.temperature } : {}),
    ...(o.total !== undefined ? { total: o.total } : {}),
  };
}

export function mixtureView(root: HTMLElement, registry: Registry): void {
  const colorOf = new Map(
    registry.clusters.map((c, i) => [c.id, CLUSTER_COLORS[i % CLUSTER_COLORS.length]!]),
  );
  const nameOf = new Map(registry.clusters.map((c) => [c.id, c.name]));
  const form = h('form', {
    class: 'card mix-form',
    id: 'mix-form',
    onsubmit: (e: Event) => e.preventDefault(),
  });
  const out = h('div', { class: 'mix-out' });
  root.append(h('div', { class: 'layout mix' }, form, out));

  form.append(h('h3', {}, 'Hold out clusters'));
  const boxes = registry.clusters.map((c) => {
    const box = h('input', { type: 'checkbox', name: 'heldOut', value: c.id, onchange: update });
    form.append(
      h(
        'label',
        { class: 'check' },
        box,
        h('span', { class: 'swatch', style: `background:${colorOf.get(c.id)}` }),
        c.name,
      ),
    );
    return box;
  });
  const field = (name: string, label: string, value: string, hint: string) => {
    const input = h('input', { name, value, inputmode: 'decimal', oninput: update });
    form.append(
      h('label', { class: 'field' }, h('span', {}, label), input, h('small', { class: 'muted' }, hint)),
    );
    return input;
  };
  form.append(h('h3', {}, 'Rates'));
  const cap = field('cap', 'Cap per task', '30000', 'training examples kept per task');
  const rateMax = field('rateMax', 'Rate maximum', '3000', 'examples beyond this add no weight');
  const temperature = field('temperature', 'Temperature', '1', 'rate ** (1 / T)');
  const total = field('total', 'Total', '', 'examples in the mixture (empty: sum of pools)');
  const exportButton = h(
    'button',
    { type: 'button', id: 'export', onclick: exportConfig },
    'Export --config file',
  );
  form.append(h('div', { class: 'actions' }, exportButton));
  form.append(
    h(
      'p',
      { class: 'muted small' },
      'Pools come from the registry’s published split sizes, as a full-size build would slice them. Build with ',
      h('code', {}, 'flanmix build --source hub --config flanmix-config.json --out DIR'),
      '.',
    ),
  );

  function read(): Options | string {
    const num = (input: HTMLInputElement, label: string, integer: boolean) => {
      const v = input.value.trim();
      if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || (integer && !Number.isInteger(Number(v))))
        throw new Error(`${label}: expected a positive ${integer ? 'whole ' : ''}number, got "${v}"`);
      return Number(v);
    };
    try {
      return {
        heldOut: boxes.filter((b) => b.checked).map((b) => b.value as Cluster),
        cap: num(cap, 'Cap per task', true),
        rateMax: num(rateMax, 'Rate maximum', false),
        temperature: num(temperature, 'Temperature', false),
        total: total.value.trim() === '' ? undefined : num(total, 'Total', true),
      };
    } catch (e) {
      return (e as Error).message;
    }
  }

  function exportConfig() {
    const o = read();
    if (typeof o === 'string') return;
    const blob = new Blob([`${JSON.stringify(configFile(o), null, 2)}\n`], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: 'flanmix-config.json' });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function update() {
    clear(out);
    const o = read();
    if (typeof o === 'string') {
      out.append(h('div', { class: 'error', role: 'alert' }, o));
      return;
    }
    let plan: SizedMixture;
    try {
      plan = sizedMixture(registry, o);
    } catch (e) {
      out.append(h('div', { class: 'error', role: 'alert' }, (e as Error).message));
      return;
    }
    for (const b of boxes) {
      const removed = o.heldOut.length ? heldOutSplit(registry, o.heldOut).removed : [];
      const r = removed.find((x) => x.cluster === b.value);
      b.parentElement!.title = r ? r.rule : '';
      b.parentElement!.classList.toggle('removed', Boolean(r) && !b.checked);
    }
    drawPlan(plan, o);
  }

  function drawPlan(plan: SizedMixture, o: Options) {
    const clusters = registry.clusters
      .map((c) => ({ c, members: plan.members.filter((m) => m.cluster === c.id) }))
      .filter((x) => x.members.length);
    const removed = o.heldOut.length ? heldOutSplit(registry, o.heldOut).removed : [];
    out.append(
      h(
        'div',
        { class: 'stats' },
        stat('members', int(plan.members.length), 'members'),
        stat('clusters', int(clusters.length), 'clusters trained on'),
        stat('total', int(plan.total), 'examples'),
        stat('rate-max', int(o.rateMax), 'rate maximum'),
      ),
    );
    if (removed.length)
      out.append(
        h(
          'div',
          { class: 'card removed-list' },
          h('b', {}, 'Out of training: '),
          removed.map((r) => `${nameOf.get(r.cluster)} (${r.rule})`).join('; '),
        ),
      );
    const byCluster = barChart({
      title: 'Mixture examples by cluster',
      axis: 'examples in the mixture',
      groups: [
        {
          label: '',
          rows: clusters.map(({ c, members }) => {
            const n = members.reduce((a, m) => a + m.count, 0);
            return {
              key: c.id,
              label: c.name,
              values: [n],
              color: colorOf.get(c.id)!,
              title: `${c.name}: ${int(n)} examples, ${pct(n / plan.total)} of the mixture, ${members.length} members`,
            };
          }),
        },
      ],
      labelWidth: 290,
      width: 1000,
    });
    const byMember = barChart({
      title: 'Mixture examples by dataset and task',
      axis: 'examples in the mixture',
      groups: clusters.map(({ c, members }) => ({
        label: c.name,
        note: `${int(members.reduce((a, m) => a + m.count, 0))} examples`,
        rows: members.map((m) => ({
          key: m.key,
          label: m.key,
          values: [m.count],
          color: colorOf.get(c.id)!,
          title: `${m.key}: pool ${int(m.pool)}, rate ${int(m.rate)}, share ${pct(m.share)}, ${int(m.count)} examples`,
        })),
      })),
      width: 1000,
    });
    const chart1 = h('div', { class: 'card chart', id: 'chart-clusters' }, h('h3', {}, 'By cluster'));
    chart1.insertAdjacentHTML('beforeend', byCluster);
    const chart2 = h('div', { class: 'card chart', id: 'chart-members' }, h('h3', {}, 'By dataset'));
    chart2.insertAdjacentHTML('beforeend', byMember);
    out.append(chart1, chart2, membersTable(plan));
  }

  function membersTable(plan: SizedMixture) {
    const head = ['member', 'cluster', 'pool', 'pool from', 'rate', 'share', 'count'];
    const num = new Set(['pool', 'rate', 'share', 'count']);
    return h(
      'div',
      { class: 'card' },
      h('h3', {}, 'Members'),
      h(
        'table',
        { class: 'data', id: 'members' },
        h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { class: num.has(x) ? 'num' : '' }, x)))),
        h(
          'tbody',
          {},
          ...plan.members.map((m) =>
            h(
              'tr',
              { 'data-key': m.key },
              h('td', {}, m.key),
              h('td', {}, nameOf.get(m.cluster) ?? m.cluster),
              h('td', { class: 'num' }, int(m.pool)),
              h(
                'td',
                {
                  class: 'muted',
                  title: m.poolFrom === 'flan' ? "FLAN's own count" : 'split size less validation',
                },
                m.poolFrom === 'flan' ? 'FLAN count' : 'split − validation',
              ),
              h('td', { class: 'num' }, int(m.rate)),
              h('td', { class: 'num' }, pct(m.share)),
              h('td', { class: 'num' }, int(m.count)),
            ),
          ),
        ),
      ),
    );
  }

  update();
}

function stat(id: string, value: string, label: string) {
  return h(
    'div',
    { class: 'stat', id: `stat-${id}` },
    h('b', {}, value),
    h('span', { class: 'muted' }, label),
  );
}

// Clusters → datasets → the ten templates rendered on a row, input and target side by side.
import { adaptRow } from '../../adapters/define.js';
import { ADAPTERS } from '../../adapters/index.js';
import type { Example, Row } from '../../adapters/types.js';
import { taskKey } from '../../registry/load.js';
import type { Dataset, Registry, Task } from '../../registry/schema.js';
import type { TemplateCatalog } from '../../templates/load.js';
import { templatesFor } from '../../templates/load.js';
import { renderTemplate } from '../../templates/render.js';
import type { ExploreData } from '../data.js';
import { clear, h } from './dom.js';
import { rowsFromFile } from './file-rows.js';

interface State {
  dataset: Dataset;
  task: Task;
  /** Rows being shown: the shipped samples, or a dropped file's. */
  rows: Row[];
  origin: string;
  example: number;
}

/** One example per entry: which row it came from, or why the adapter dropped the row. */
type Adapted = { row: number; example: Example } | { row: number; skip: string };

export function templatesView(
  root: HTMLElement,
  registry: Registry,
  catalog: TemplateCatalog,
  data: ExploreData,
  initial: string | undefined,
): { select(datasetId: string): void } {
  const sidebar = h('nav', { class: 'sidebar', 'aria-label': 'datasets by cluster' });
  const main = h('section', { class: 'dataset-view' });
  root.append(h('div', { class: 'layout' }, sidebar, main));
  const links = new Map<string, HTMLAnchorElement>();
  for (const c of registry.clusters) {
    const ds = registry.datasets.filter((d) => d.cluster === c.id);
    sidebar.append(h('h4', {}, c.name, h('span', { class: 'muted' }, ` ${ds.length}`)));
    const ul = h('ul');
    for (const d of ds) {
      const a = h('a', { href: `#templates/${d.id}`, 'data-dataset': d.id }, d.name);
      links.set(d.id, a);
      ul.append(h('li', {}, a));
    }
    sidebar.append(ul);
  }

  let state: State | undefined;

  const samplesOf = (d: Dataset, t: Task) => data.samples[`${d.id}/${t.id}`] ?? [];

  function select(datasetId: string, taskId?: string) {
    const dataset = registry.datasets.find((d) => d.id === datasetId) ?? registry.datasets[0]!;
    const task = dataset.tasks.find((t) => t.id === taskId) ?? dataset.tasks[0]!;
    for (const [id, a] of links) a.classList.toggle('active', id === dataset.id);
    state = { dataset, task, rows: samplesOf(dataset, task), origin: 'sample rows', example: 0 };
    draw();
  }

  function adaptAll(s: State): Adapted[] {
    const adapter = ADAPTERS[s.dataset.id]!;
    const out: Adapted[] = [];
    s.rows.forEach((row, i) => {
      const r = adaptRow(adapter, row, { dataset: s.dataset, task: s.task }, i);
      if ('skip' in r) out.push({ row: i, skip: r.skip });
      else for (const example of r) out.push({ row: i, example });
    });
    return out;
  }

  function draw(error?: string) {
    const s = state!;
    clear(main);
    const set = templatesFor(catalog, s.dataset.id);
    const source = s.task.sources[0]!;
    const sizes = s.task.sizes;
    main.append(
      h(
        'div',
        { class: 'card head' },
        h('h2', {}, s.dataset.name),
        h(
          'p',
          { class: 'muted' },
          `${registry.clusters.find((c) => c.id === s.dataset.cluster)!.name} · ${s.dataset.kind} · `,
          source.availability === 'hub' ? `${source.repo} (${source.config})` : 'supplied by the user',
          sizes?.train ? ` · train ${sizes.train.rows.toLocaleString('en')} rows` : '',
          sizes ? ` · eval ${sizes.eval.rows.toLocaleString('en')} rows` : '',
        ),
      ),
    );
    const controls = h('div', { class: 'card controls' });
    if (s.dataset.tasks.length > 1) {
      const sel = h(
        'select',
        {
          id: 'task',
          onchange: (e: Event) => select(s.dataset.id, (e.target as HTMLSelectElement).value),
        },
        ...s.dataset.tasks.map((t) =>
          h('option', { value: t.id, selected: t.id === s.task.id }, `${t.name} (${t.id})`),
        ),
      );
      controls.append(h('label', {}, 'Task ', sel));
    }
    const adapted = adaptAll(s);
    const usable = adapted.filter((a): a is { row: number; example: Example } => 'example' in a);
    const exSel = h(
      'select',
      {
        id: 'example',
        onchange: (e: Event) => {
          s.example = Number((e.target as HTMLSelectElement).value);
          draw();
        },
      },
      ...usable.map((a, i) => {
        const first = Object.values(a.example.fields)[0] ?? '';
        const label = `row ${a.row}: ${first.slice(0, 60)}${first.length > 60 ? '…' : ''}`;
        return h('option', { value: i, selected: i === s.example, 'data-row': a.row }, label);
      }),
    );
    controls.append(h('label', {}, `Row (${s.origin}) `, exSel));
    const input = h('input', {
      type: 'file',
      accept: '.parquet,.jsonl,.json,.csv,.tsv',
      onchange: (e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0];
        if (f) void load(f);
      },
    });
    const drop = h(
      'div',
      { class: 'drop', id: 'drop' },
      h('b', {}, 'Your own rows: '),
      `drop a parquet, JSONL or CSV file with the ${s.task.name} columns (${Object.keys(s.task.columns).join(', ')}) here, or `,
      h('label', { class: 'file' }, 'choose a file', input),
      s.origin !== 'sample rows'
        ? h(
            'button',
            { type: 'button', onclick: () => select(s.dataset.id, s.task.id) },
            'back to sample rows',
          )
        : null,
    );
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files[0];
      if (f) void load(f);
    });
    controls.append(drop);
    main.append(controls);
    if (error) main.append(h('div', { class: 'error', role: 'alert' }, error));
    const skipped = adapted.length - usable.length;
    if (skipped)
      main.append(
        h(
          'p',
          { class: 'muted' },
          `${skipped} of ${s.rows.length} rows dropped by FLAN's filters (${[...new Set(adapted.flatMap((a) => ('skip' in a ? [a.skip] : [])))].join('; ')}).`,
        ),
      );
    const current = usable[Math.min(s.example, usable.length - 1)];
    if (!current) {
      main.append(h('p', { class: 'muted' }, 'No row to render.'));
      return;
    }
    main.append(
      h(
        'details',
        { class: 'card row-fields' },
        h('summary', {}, `Template fields of row ${current.row}`),
        fieldsTable(current.example),
      ),
    );
    const list = h('div', {
      class: 'templates',
      'data-task': taskKey(s.dataset, s.task),
      'data-row': current.row,
    });
    for (const t of set.templates) {
      let rendered: { inputs: string; targets: string };
      try {
        rendered = renderTemplate(set, t.index, current.example);
      } catch (e) {
        rendered = { inputs: `(cannot render: ${(e as Error).message})`, targets: '' };
      }
      list.append(
        h(
          'article',
          { class: `card template${t.inverted ? ' is-inverted' : ''}`, 'data-template': t.index },
          h(
            'header',
            {},
            h('b', {}, `Template ${t.index}`),
            t.inverted
              ? h(
                  'span',
                  { class: 'badge inverted', title: 'the target is an input of the task' },
                  'inverted',
                )
              : null,
          ),
          h(
            'div',
            { class: 'io' },
            h(
              'div',
              {},
              h('div', { class: 'io-label' }, 'Input'),
              h('pre', { class: 'inputs' }, rendered.inputs),
            ),
            h(
              'div',
              {},
              h('div', { class: 'io-label' }, 'Target'),
              h('pre', { class: 'targets' }, rendered.targets),
            ),
          ),
        ),
      );
    }
    main.append(list);
  }

  async function load(file: File) {
    const s = state!;
    try {
      const rows = await rowsFromFile(file, s.task);
      const next = { ...s, rows, origin: file.name, example: 0 };
      adaptAll(next); // a row that does not fit the task's columns is reported before the view changes
      state = next;
      draw();
    } catch (e) {
      draw((e as Error).message);
    }
  }

  select(initial ?? registry.datasets[0]!.id);
  return { select: (id) => select(id) };
}

function fieldsTable(example: Example): HTMLTableElement {
  const rows = Object.entries(example.fields).map(([k, v]) =>
    h('tr', {}, h('th', {}, k), h('td', {}, h('pre', {}, v))),
  );
  if (example.options)
    rows.push(h('tr', {}, h('th', {}, 'options'), h('td', {}, h('pre', {}, example.options.join('\n')))));
  return h('table', { class: 'data' }, ...rows);
}

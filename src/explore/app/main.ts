// The explorer's entry point in the browser: the core (registry, adapters, templates, mixer) runs here; the
// page's only data is the sample rows inlined by `flanmix explore`.
import { loadRegistry } from '../../registry/load.js';
import { loadTemplates } from '../../templates/load.js';
import { DATA_ELEMENT, type ExploreData } from '../data.js';
import { clear, h } from './dom.js';
import { mixtureView } from './mixture-view.js';
import { templatesView } from './templates-view.js';

function boot() {
  const data = JSON.parse(document.getElementById(DATA_ELEMENT)!.textContent!) as ExploreData;
  const registry = loadRegistry();
  const catalog = loadTemplates(registry);
  const app = document.getElementById('app')!;
  const tabs = {
    templates: h('a', { href: '#templates' }, 'Templates'),
    mixture: h('a', { href: '#mixture' }, 'Mixture'),
  };
  document.getElementById('tabs')!.append(tabs.templates, tabs.mixture);
  const templatesRoot = h('div', { id: 'templates-page' });
  const mixtureRoot = h('div', { id: 'mixture-page' });
  clear(app);
  app.append(templatesRoot, mixtureRoot);
  let templates: { select(id: string): void } | undefined;
  let mixtureDrawn = false;

  function route() {
    const [page, arg] = location.hash.replace(/^#/, '').split('/');
    const onMixture = page === 'mixture';
    templatesRoot.hidden = onMixture;
    mixtureRoot.hidden = !onMixture;
    tabs.templates.classList.toggle('active', !onMixture);
    tabs.mixture.classList.toggle('active', onMixture);
    if (onMixture) {
      if (!mixtureDrawn) mixtureView(mixtureRoot, registry);
      mixtureDrawn = true;
    } else if (!templates) {
      templates = templatesView(templatesRoot, registry, catalog, data, arg);
    } else if (arg) {
      templates.select(arg);
    }
    document.body.dataset.ready = 'true';
  }
  window.addEventListener('hashchange', route);
  route();
}

try {
  boot();
} catch (e) {
  document.getElementById('app')!.textContent = `The explorer could not start: ${(e as Error).message}`;
}

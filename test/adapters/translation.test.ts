import { describe, expect, it } from 'vitest';
import { ADAPTERS, AdapterError, adaptRow } from '../../src/adapters/index.js';
import { evalRecords } from '../../src/mixture/eval.js';
import { getTask, loadRegistry } from '../../src/registry/index.js';
import { loadTemplates, renderTemplate } from '../../src/templates/index.js';

const registry = loadRegistry();
const run = (dataset: string, row: Record<string, unknown>) => {
  const { dataset: d, task } = getTask(registry, dataset);
  return adaptRow(ADAPTERS[dataset]!, row, { dataset: d, task });
};

const WMT: [string, string, string][] = [
  ['wmt14_enfr', 'fr', 'French'],
  ['wmt16_csen', 'cs', 'Czech'],
  ['wmt16_deen', 'de', 'German'],
  ['wmt16_fien', 'fi', 'Finnish'],
  ['wmt16_roen', 'ro', 'Romanian'],
  ['wmt16_ruen', 'ru', 'Russian'],
  ['wmt16_tren', 'tr', 'Turkish'],
];

describe('WMT pairs', () => {
  it.each(WMT)(
    '%s: English is side 1 whatever the key order, the other language side 2',
    (id, code, language) => {
      expect(run(id, { translation: { [code]: 'other side', en: 'English side' } })).toEqual([
        {
          fields: { lang1: 'English', lang2: language, sent1: 'English side', sent2: 'other side' },
          languages: { sent1: 'en', sent2: code },
        },
      ]);
    },
  );

  it('refuses a row of another language pair (the registry points at the wrong config)', () => {
    expect(() => run('wmt16_deen', { translation: { fr: 'Bonjour.', en: 'Hello.' } })).toThrow(AdapterError);
  });

  it('skips a pair with a blank side', () => {
    expect(run('wmt16_roen', { translation: { ro: '  ', en: 'Hello.' } })).toEqual({
      skip: 'empty sentence',
    });
  });
});

describe('para_crawl_enes', () => {
  it('reads the flat en/es columns of the user-supplied file', () => {
    expect(run('para_crawl_enes', { en: 'Read more', es: 'Leer más' })).toEqual([
      {
        fields: { lang1: 'English', lang2: 'Spanish', sent1: 'Read more', sent2: 'Leer más' },
        languages: { sent1: 'en', sent2: 'es' },
      },
    ]);
  });

  it('skips a pair with a blank side', () => {
    expect(run('para_crawl_enes', { en: 'Home', es: '' })).toEqual({ skip: 'empty sentence' });
    expect(run('para_crawl_enes', { en: '', es: 'Inicio' })).toEqual({ skip: 'empty sentence' });
  });
});

describe('shared template set', () => {
  const catalog = loadTemplates(registry);
  const set = catalog.get('wmt16_deen')!;

  it('serves all eight pairs with the one file', () => {
    for (const id of ['para_crawl_enes', ...WMT.map(([d]) => d)]) expect(catalog.get(id)).toBe(set);
  });

  const ex = {
    fields: { lang1: 'English', lang2: 'German', sent1: 'I agree.', sent2: 'Ich stimme zu.' },
    languages: { sent1: 'en', sent2: 'de' },
  };

  it('translates both ways as ordinary templates: 0-4 out of English, 5-9 into English', () => {
    for (const t of set.templates) {
      const out = renderTemplate(set, t.index, ex);
      const intoEnglish = t.index >= 5;
      expect(out.targets).toBe(intoEnglish ? 'I agree.' : 'Ich stimme zu.');
      expect(out.inputs).toContain(intoEnglish ? 'Ich stimme zu.' : 'I agree.');
      expect(out.inputs).not.toContain(intoEnglish ? 'I agree.' : 'Ich stimme zu.');
    }
    expect(set.templates.filter((t) => t.inverted)).toEqual([]);
  });

  it("evaluation records carry each template's direction", () => {
    const ref = getTask(registry, 'wmt16_deen');
    const pool = { size: 1, get: () => ex };
    const records = [...evalRecords(ref, set, pool, 'test')];
    expect(records.map((r) => [r.template, r.source_lang, r.target_lang])).toEqual(
      set.templates.map((t) => [t.index, ...(t.index >= 5 ? ['de', 'en'] : ['en', 'de'])]),
    );
    const rte = getTask(registry, 'rte');
    const rteSet = catalog.get('rte')!;
    const plain = { fields: { premise: 'p', hypothesis: 'h', answer: 'yes' }, options: ['yes', 'no'] };
    const [first] = evalRecords(rte, rteSet, { size: 1, get: () => plain }, 'test');
    expect([first!.source_lang, first!.target_lang]).toEqual([null, null]);
  });
});

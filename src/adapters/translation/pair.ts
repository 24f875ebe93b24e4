import { z } from 'zod';
import { defineAdapter, one, skip } from '../define.js';
import type { Adapter } from '../types.js';

/** What every translation adapter yields: English is always side 1, as FLAN sets lang1/sent1. */
export const TRANSLATION_FIELDS = ['lang1', 'lang2', 'sent1', 'sent2'] as const;

type Sides = { en: string; other: string };

function pairAdapter<R>(
  code: string,
  language: string,
  row: z.ZodType<R, unknown>,
  sides: (row: R) => Sides,
): Adapter<R> {
  return defineAdapter({
    row,
    fields: TRANSLATION_FIELDS,
    adapt(r) {
      const { en, other } = sides(r);
      // FLAN has no filter here; a blank side (seen in web-crawled corpora) would make an empty input or target.
      if (en.trim() === '' || other.trim() === '') return skip('empty sentence');
      return one({
        fields: { lang1: 'English', lang2: language, sent1: en, sent2: other },
        languages: { sent1: 'en', sent2: code },
      });
    },
  });
}

function shape(code: string): Record<string, z.ZodString> {
  return { en: z.string(), [code]: z.string() };
}

/** A Hub WMT pair: one `translation` struct column keyed by language code, e.g. `{de, en}`. */
export function hubTranslation(
  code: string,
  language: string,
): Adapter<{ translation: Record<string, string> }> {
  return pairAdapter(code, language, z.object({ translation: z.object(shape(code)) }), (r) => ({
    en: r.translation.en!,
    other: r.translation[code]!,
  }));
}

/** A user-supplied pair file (e.g. ParaCrawl): flat columns named by language code, e.g. `en`, `es`. */
export function localTranslation(code: string, language: string): Adapter<Record<string, string>> {
  return pairAdapter(code, language, z.object(shape(code)), (r) => ({ en: r.en!, other: r[code]! }));
}

import type { Example } from '../adapters/types.js';
import type { CompiledTemplate } from '../templates/set.js';

/** Which way a template translates an example: language codes, or null when it is not a translation. */
export interface Direction {
  source_lang: string | null;
  target_lang: string | null;
}

const NONE: Direction = { source_lang: null, target_lang: null };

/**
 * Reads a template's direction from the fields it uses: the target's language is that of the one field
 * it renders, the source's that of the language-tagged field the input shows. Both directions of a pair
 * are ordinary templates, so scoring them apart needs this on every evaluation record.
 */
export function directionOf(template: CompiledTemplate, example: Example): Direction {
  const languages = example.languages;
  if (!languages) return NONE;
  const tagged = (fields: readonly string[]) => [
    ...new Set(fields.flatMap((f) => (languages[f] === undefined ? [] : [languages[f]!]))),
  ];
  const target = tagged(template.target.fields);
  const source = tagged(template.input.fields);
  if (target.length !== 1 || source.length !== 1) return NONE;
  return { source_lang: source[0]!, target_lang: target[0]! };
}

import definitePronounResolution from '../../../templates/coreference/definite_pronoun_resolution.yaml';
import winogrande from '../../../templates/coreference/winogrande.yaml';
import wsc273 from '../../../templates/coreference/wsc273.yaml';

/** Template files of the coreference cluster, by path. */
export const files: Record<string, string> = {
  'templates/coreference/definite_pronoun_resolution.yaml': definitePronounResolution,
  'templates/coreference/winogrande.yaml': winogrande,
  'templates/coreference/wsc273.yaml': wsc273,
};

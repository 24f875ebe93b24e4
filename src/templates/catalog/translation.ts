import translation from '../../../templates/translation/translation.yaml';

/** Template files of the translation cluster, by path (one set shared by every language pair). */
export const files: Record<string, string> = {
  'templates/translation/translation.yaml': translation,
};

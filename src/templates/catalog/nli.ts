import rte from '../../../templates/nli/rte.yaml';

/** Template files of the nli cluster, by path. */
export const files: Record<string, string> = {
  'templates/nli/rte.yaml': rte,
};

import anli from '../../../templates/nli/anli.yaml';
import cb from '../../../templates/nli/cb.yaml';
import mnli from '../../../templates/nli/mnli.yaml';
import qnli from '../../../templates/nli/qnli.yaml';
import rte from '../../../templates/nli/rte.yaml';
import snli from '../../../templates/nli/snli.yaml';
import wnli from '../../../templates/nli/wnli.yaml';

/** Template files of the nli cluster, by path. */
export const files: Record<string, string> = {
  'templates/nli/anli.yaml': anli,
  'templates/nli/cb.yaml': cb,
  'templates/nli/mnli.yaml': mnli,
  'templates/nli/qnli.yaml': qnli,
  'templates/nli/rte.yaml': rte,
  'templates/nli/snli.yaml': snli,
  'templates/nli/wnli.yaml': wnli,
};

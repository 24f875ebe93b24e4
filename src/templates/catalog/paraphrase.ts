import mrpc from '../../../templates/paraphrase/mrpc.yaml';
import paws_wiki from '../../../templates/paraphrase/paws_wiki.yaml';
import qqp from '../../../templates/paraphrase/qqp.yaml';
import stsb from '../../../templates/paraphrase/stsb.yaml';

/** Template files of the paraphrase cluster, by path. */
export const files: Record<string, string> = {
  'templates/paraphrase/mrpc.yaml': mrpc,
  'templates/paraphrase/qqp.yaml': qqp,
  'templates/paraphrase/paws_wiki.yaml': paws_wiki,
  'templates/paraphrase/stsb.yaml': stsb,
};

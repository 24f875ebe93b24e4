import cola from '../../../templates/misc/cola.yaml';
import coqa from '../../../templates/misc/coqa.yaml';
import fixPunct from '../../../templates/misc/fix_punct.yaml';
import mathDataset from '../../../templates/misc/math_dataset.yaml';
import quac from '../../../templates/misc/quac.yaml';
import trec from '../../../templates/misc/trec.yaml';
import wic from '../../../templates/misc/wic.yaml';

/** Template files of the misc cluster, by path. */
export const files: Record<string, string> = {
  'templates/misc/coqa.yaml': coqa,
  'templates/misc/quac.yaml': quac,
  'templates/misc/trec.yaml': trec,
  'templates/misc/cola.yaml': cola,
  'templates/misc/wic.yaml': wic,
  'templates/misc/math_dataset.yaml': mathDataset,
  'templates/misc/fix_punct.yaml': fixPunct,
};

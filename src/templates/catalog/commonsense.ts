import copa from '../../../templates/commonsense/copa.yaml';
import hellaswag from '../../../templates/commonsense/hellaswag.yaml';
import piqa from '../../../templates/commonsense/piqa.yaml';
import storyCloze from '../../../templates/commonsense/story_cloze.yaml';

/** Template files of the commonsense cluster, by path. */
export const files: Record<string, string> = {
  'templates/commonsense/copa.yaml': copa,
  'templates/commonsense/hellaswag.yaml': hellaswag,
  'templates/commonsense/piqa.yaml': piqa,
  'templates/commonsense/story_cloze.yaml': storyCloze,
};

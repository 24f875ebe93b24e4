import cosmosQa from '../../../templates/reading_comprehension_with_commonsense/cosmos_qa.yaml';
import record from '../../../templates/reading_comprehension_with_commonsense/record.yaml';

/** Template files of the reading_comprehension_with_commonsense cluster, by path. */
export const files: Record<string, string> = {
  'templates/reading_comprehension_with_commonsense/cosmos_qa.yaml': cosmosQa,
  'templates/reading_comprehension_with_commonsense/record.yaml': record,
};

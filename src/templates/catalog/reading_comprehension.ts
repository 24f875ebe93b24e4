import bool_q from '../../../templates/reading_comprehension/bool_q.yaml';
import drop from '../../../templates/reading_comprehension/drop.yaml';
import multirc from '../../../templates/reading_comprehension/multirc.yaml';
import openbookqa from '../../../templates/reading_comprehension/openbookqa.yaml';
import squad_v1 from '../../../templates/reading_comprehension/squad_v1.yaml';
import squad_v2 from '../../../templates/reading_comprehension/squad_v2.yaml';

/** Template files of the reading_comprehension cluster, by path. */
export const files: Record<string, string> = {
  'templates/reading_comprehension/bool_q.yaml': bool_q,
  'templates/reading_comprehension/drop.yaml': drop,
  'templates/reading_comprehension/multirc.yaml': multirc,
  'templates/reading_comprehension/openbookqa.yaml': openbookqa,
  'templates/reading_comprehension/squad_v1.yaml': squad_v1,
  'templates/reading_comprehension/squad_v2.yaml': squad_v2,
};

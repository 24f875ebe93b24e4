import type { Task } from '../registry/schema.js';
import { AdapterError } from './define.js';

/**
 * The registry's fixed options and the one a label index picks. Unlabelled rows (-1, as in SNLI or GLUE
 * test splits) are the caller's to skip before this; an index out of range is a data error.
 */
export function labelOption(task: Task, label: number): { options: readonly string[]; answer: string } {
  const options = task.options;
  if (!options) throw new AdapterError(`task "${task.id}" has no fixed options in the registry`);
  const answer = options[label];
  if (answer === undefined) {
    throw new AdapterError(`task "${task.id}": label ${label} is outside its ${options.length} options`);
  }
  return { options, answer };
}

import { FlanmixError } from '../registry/errors.js';

/**
 * A dataset that cannot be had: a manual dataset without local files, a repo, revision or file the Hub does
 * not have (404), or access refused (401/403). The mixer may skip it (`--skip-unavailable`) and record why.
 */
export class SourceUnavailableError extends FlanmixError {
  override name = 'SourceUnavailableError';
  constructor(
    readonly dataset: string,
    readonly task: string,
    readonly reason: string,
  ) {
    super(`${dataset}/${task}: unavailable: ${reason}`);
  }
}

/**
 * Any other source failure: a corrupt file, columns missing against the registry, a network failure that
 * outlasted the retries. The message names dataset, task, file and column where they are known. Never
 * skipped: the data exists but something is wrong with it (or with the registry), which must be fixed.
 */
export class SourceError extends FlanmixError {
  override name = 'SourceError';
}

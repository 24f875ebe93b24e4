import type { TaskRef } from '../../registry/load.js';
import { describeSource, type HubSourceEntry, hubSources } from '../../registry/sources.js';
import { SourceUnavailableError } from '../errors.js';
import { MissingColumnError } from '../parquet.js';

/**
 * Why a source is passed over for the next one: it is not there for us (a revision, repo or file that does
 * not resolve, access refused, no parquet files for the split, offline without it in the cache), or its files
 * lack a registry column. Anything else (network failure after retries, corrupt file) stops at once: the next
 * source would most likely fail the same way, or the data exists and is broken.
 */
export function fallsThrough(e: unknown): e is SourceUnavailableError | MissingColumnError {
  return e instanceof SourceUnavailableError || e instanceof MissingColumnError;
}

function reasonOf(e: SourceUnavailableError | MissingColumnError, ref: TaskRef): string {
  if (e instanceof SourceUnavailableError) return e.reason;
  const prefix = `${ref.dataset.id}/${ref.task.id}: `;
  return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}

/**
 * Tries the task's Hub sources in registry order; the first that `attempt` opens wins. Returns its value,
 * its 1-based position, and why each earlier source was passed over. When none works, the error lists every
 * source tried with its reason.
 */
export async function firstWorkingSource<T>(
  ref: TaskRef,
  attempt: (source: HubSourceEntry) => Promise<T>,
): Promise<{ value: T; source: number; passedOver: string[] }> {
  const sources = hubSources(ref.task);
  const passedOver: string[] = [];
  let last: unknown;
  for (const [i, source] of sources.entries()) {
    try {
      return { value: await attempt(source), source: i + 1, passedOver };
    } catch (e) {
      if (!fallsThrough(e)) throw e;
      last = e;
      passedOver.push(`${describeSource(source)}: ${reasonOf(e, ref)}`);
    }
  }
  // A task with one source keeps that source's own error.
  if (sources.length === 1) throw last;
  throw new SourceUnavailableError(
    ref.dataset.id,
    ref.task.id,
    `no source worked; tried ${passedOver.map((p, i) => `(${i + 1}) ${p}`).join('; ')}`,
  );
}

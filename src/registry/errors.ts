import type { z } from 'zod';

/** Formats zod issues as `path.to.field: reason` lines, so a bad file names its culprit. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root = ''): string {
  return issues
    .map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `${root}${path || '(root)'}: ${i.message}`;
    })
    .join('\n');
}

export class FlanmixError extends Error {
  override name = 'FlanmixError';
}

export class RegistryError extends FlanmixError {
  override name = 'RegistryError';
}

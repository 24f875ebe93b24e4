import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A hash of named texts that does not depend on key order or line endings (a CRLF checkout of the
 * templates must hash like the LF one: the parsed templates are the same).
 */
export function hashFiles(files: Readonly<Record<string, string>>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    h.update(name).update('\0').update(files[name]!.replace(/\r\n/g, '\n')).update('\0');
  }
  return h.digest('hex');
}

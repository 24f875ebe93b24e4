import { FlanmixError } from '../registry/errors.js';

/** A file flanmix could not write; `file` is the path it was writing. */
export class FileWriteError extends FlanmixError {
  override name = 'FileWriteError';
  constructor(
    message: string,
    readonly file: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error from the disk',
  EFBIG: 'the file is larger than the file system allows',
};

/**
 * A Node write error as one line naming the file (Node's own `ENOSPC: no space left on device, write`
 * names none). Errors that are already ours pass through.
 */
export function writeError(e: unknown, file: string): FlanmixError {
  if (e instanceof FlanmixError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const reason = (code && REASONS[code]) ?? (e instanceof Error ? e.message : String(e));
  return new FileWriteError(`${file}: cannot write: ${reason}${code ? ` (${code})` : ''}`, file, code);
}

import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FlanmixError } from '../../registry/errors.js';

/** The lock file a build holds in its output folder for its whole run. */
export const LOCK_FILE = '.flanmix.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A held lock; `release` removes the lock file if it is still ours. */
export interface OutputLock {
  release(): Promise<void>;
}

/**
 * Takes the output folder's lock: creates `.flanmix.lock` exclusively, holding our pid and host. A lock
 * left by a dead process on this host (kill -9, power loss) is taken over; a live one, or one from another
 * host (whose processes we cannot see), makes this build fail at once with a line naming its owner.
 */
export async function lockOutput(dir: string): Promise<OutputLock> {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path, me)) return held(path, me);
    const owner = await readOwner(path);
    if (owner === undefined) continue; // released between our attempt and our read: try again
    if (alive(owner)) throw inUse(dir, owner);
    // Stale. Move it aside under a name of our own, so two builds taking over at once cannot both win.
    const aside = `${path}.stale-${process.pid}`;
    try {
      await rename(path, aside);
    } catch {
      continue; // someone else moved it first
    }
    const moved = await readOwner(aside);
    if (moved && alive(moved)) {
      // We moved a live lock that replaced the stale one after our read: put it back and give way.
      await rename(aside, path).catch(() => {});
      throw inUse(dir, moved);
    }
    await rm(aside, { force: true });
  }
  throw new FlanmixError(`cannot take the lock ${path}: other builds keep taking it`);
}

async function create(path: string, me: LockOwner): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(`${JSON.stringify(me)}\n`);
    await handle.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FlanmixError(
      `cannot create the lock file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string')
      return { pid: o.pid, host: o.host, since: String(o.since ?? '?') };
  } catch {
    // Unreadable: its writer died between creating and writing it, or is writing it this instant.
  }
  const age =
    Date.now() -
    (await stat(path).then(
      (s) => s.mtimeMs,
      () => 0,
    ));
  return { pid: age < HALF_WRITTEN_GRACE_MS ? -1 : 0, host: hostname(), since: '?' };
}

/** How long an unreadable lock counts as being written rather than abandoned. */
const HALF_WRITTEN_GRACE_MS = 10_000;

/** Alive, or unknowable (another host): either way not ours to take. */
function alive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === -1) return true;
  if (owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dir: string, o: LockOwner): FlanmixError {
  const where = o.host === hostname() ? `pid ${o.pid}` : `pid ${o.pid} on host ${o.host}`;
  return new FlanmixError(
    `output folder ${dir} is in use by another flanmix build (${where}, since ${o.since}); wait for it to ` +
      `finish, or delete ${join(dir, LOCK_FILE)} if no build is running`,
  );
}

function held(path: string, me: LockOwner): OutputLock {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      const owner = await readOwner(path);
      if (owner && owner.pid === me.pid && owner.host === me.host) await rm(path, { force: true });
    },
  };
}

/**
 * The lock that lets one pcscd run at a time across test processes (pcscd keeps its socket and PID
 * file in a fixed run directory): a file in the temporary directory naming its owner's PID.
 */
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = join(tmpdir(), 'kiosk-pcscd.lock');

/** Whether a process of that PID runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8')); // a zombie is dead
  } catch {
    return true;
  }
}

/** The lock's owner as its file says: undefined when the file is gone (released meanwhile). */
function lockOwner(): number | undefined {
  try {
    return Number(readFileSync(LOCK_FILE, 'utf8').trim() || '0');
  } catch {
    return undefined;
  }
}

/**
 * One pcscd at a time across test processes: the lock file is made whole (the owner's PID written
 * into a file of its own, then linked in place, which fails while a lock exists), so no waiter ever
 * reads a lock half written; a lock released as a waiter reads it is tried again at once, and one
 * whose owner is gone is removed only while it still names that owner.
 */
export async function acquireLock(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  const mine = `${LOCK_FILE}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (;;) {
      try {
        linkSync(mine, LOCK_FILE);
        return;
      } catch {
        const owner = lockOwner();
        if (owner === undefined) continue;
        if (!owner || !alive(owner)) {
          if (lockOwner() === owner) rmSync(LOCK_FILE, { force: true });
          continue;
        }
        if (Date.now() > until) throw new Error(`pcscd is in use by process ${owner}.`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

export function releaseLock(): void {
  try {
    if (readFileSync(LOCK_FILE, 'utf8').trim() === String(process.pid)) unlinkSync(LOCK_FILE);
  } catch {
    // already gone
  }
}

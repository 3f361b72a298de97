/**
 * The claim a process holds on its journal while it uses it: the daemon from boot to stop, the key
 * rotation command while it runs. A second claim on the same journal is refused
 * (`JOURNAL_IN_USE`), so the rotation command is refused against a running daemon (which keeps
 * sealing with the key in its memory) and a second daemon is refused before it opens anything.
 *
 * - SQLite: a lock the operating system holds for the process, on `<journal>-claim` beside the
 *   journal file (an empty SQLite file kept in an open `BEGIN IMMEDIATE`, its RESERVED lock; no
 *   page is ever written, so it cannot be torn). The system drops the lock when the process ends,
 *   however it ends (SIGKILL, a crash, a power cut): a dead daemon's claim never blocks, and a pid
 *   used again after a reboot never looks alive. Who holds it is written beside it
 *   (`<journal>-claim.json`: what, pid, host, since), for the refusal's words only. A lock on the
 *   journal itself does not fit: in WAL a second connection's exclusive lock stops the daemon's
 *   own writes, and `locking_mode = EXCLUSIVE` shuts out every reader of the file.
 * - PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`, one key: advisory locks are
 *   per database and the rotation re-seals every row of it), on a connection of its own held for
 *   as long as the claim. The server drops it when that session ends; keepalives on it make a
 *   kiosk that lost power let go within about half a minute.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';
import type BetterSqlite3 from 'better-sqlite3';
import type { JournalConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { OPEN_RETRY, journalOpenFailed, openWithRetries, type OpenRetry } from './journal-open-failed.js';

/** the few calls of `pg`'s client the claim makes (the package ships no types) */
interface PgClient {
  connect(): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
  on(event: 'error' | 'end', listener: () => void): void;
}
type PgModule = {
  Client: new (options: {
    connectionString: string;
    connectionTimeoutMillis: number;
    keepAlive: boolean;
    application_name: string;
  }) => PgClient;
};

// loaded when first claimed: a SQLite kiosk never loads `pg`, a PostgreSQL one not better-sqlite3
const load = createRequire(import.meta.url);
const log = new Logger('Journal');

/** Who holds a claim. */
export interface ClaimHolder {
  /** the program: `kiosk-daemon`, `rotate-journal-key` */
  readonly what: string;
  readonly pid: number;
  readonly host: string;
  /** ISO time the claim was taken */
  readonly since: string;
}

export interface JournalClaim {
  readonly holder: ClaimHolder;
  /** lets go of the journal (idempotent) */
  release(): Promise<void>;
}

/** 'kioskjrn' as a 64-bit number: the advisory lock of a journal database. */
export const JOURNAL_ADVISORY_KEY = 0x6b696f736b6a726en;

/** The lock file and the holder's note beside a SQLite journal. */
export function journalClaimFiles(path: string): { lock: string; holder: string } {
  return { lock: `${path}-claim`, holder: `${path}-claim.json` };
}

/**
 * Claims the configured journal for `what`, or throws `JOURNAL_IN_USE` naming the holder. An
 * in-memory journal is this process's alone: nothing to claim.
 */
export async function claimJournal(
  journal: JournalConfig,
  what: string,
  retry: OpenRetry = OPEN_RETRY,
): Promise<JournalClaim> {
  const holder: ClaimHolder = { what, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (journal.driver === 'postgres') {
    if (journal.url === undefined) throw new Error('journal.url is required with journal.driver postgres');
    return claimPostgresJournal(journal, journal.url, holder, retry);
  }
  if (journal.path === ':memory:') return { holder, release: () => Promise.resolve() };
  try {
    return claimSqliteJournal(journal.path, holder);
  } catch (e) {
    // a folder that cannot be made, a lock file that cannot be opened: no wait mends a file's fault
    throw e instanceof KioskError ? e : journalOpenFailed(journal, e, 1);
  }
}

function claimSqliteJournal(path: string, holder: ClaimHolder): JournalClaim {
  const files = journalClaimFiles(path);
  mkdirSync(dirname(path), { recursive: true });
  // Never open the lock file with anything but SQLite in this process: closing any descriptor of
  // a file drops every POSIX lock the process holds on it (SQLite's own descriptors are kept).
  const Database = load('better-sqlite3') as typeof BetterSqlite3;
  const lock = new Database(files.lock, { timeout: 0 });
  try {
    lock.exec('BEGIN IMMEDIATE');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    throw journalInUse(holder.what, { file: path }, heldBy(files.holder));
  }
  try {
    writeFileSync(files.holder, `${JSON.stringify(holder)}\n`);
  } catch {
    // the note is for the words of a refusal only; the lock is the claim
  }
  let released = false;
  return {
    holder,
    release() {
      if (released) return Promise.resolve();
      released = true;
      // the note first: after the lock goes, the next holder writes its own
      rmSync(files.holder, { force: true });
      lock.close();
      return Promise.resolve();
    },
  };
}

function heldBy(noteFile: string): Partial<ClaimHolder> | undefined {
  try {
    const note = JSON.parse(readFileSync(noteFile, 'utf8')) as Partial<ClaimHolder>;
    return typeof note === 'object' && note !== null ? note : undefined;
  } catch {
    return undefined;
  }
}

/** A lost claim session is tried again this often, until it is taken again or released. */
export const RECLAIM_MS = 5_000;

async function claimPostgresJournal(
  journal: JournalConfig,
  url: string,
  holder: ClaimHolder,
  retry: OpenRetry,
): Promise<JournalClaim> {
  let released = false;
  let client: PgClient;
  const take = async (): Promise<void> => {
    client = await takeAdvisoryLock(url, holder, () => {
      if (!released) lost();
    });
  };
  // The session ended under a running holder (the server restarted, the network dropped): the
  // lock went with it, so a rotation could now start. Take it again as soon as the server answers.
  const lost = (): void => {
    log.warn('the journal claim session ended; taking the claim again');
    const retry = (): void => {
      if (released) return;
      take().then(
        () => {
          if (released) void client.end().catch(() => undefined);
          else log.log('the journal claim is taken again');
        },
        (e: unknown) => {
          if (e instanceof KioskError) log.error(e.message);
          setTimeout(retry, RECLAIM_MS).unref();
        },
      );
    };
    setTimeout(retry, 0).unref();
  };
  // a server not answering yet at boot is waited for as the journal's connection is; one that
  // answers that another holds the journal refuses at once (JOURNAL_IN_USE)
  await openWithRetries(journal, 'claiming the journal', take, retry);
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      // ending the session lets go of its advisory lock
      await client.end().catch(() => undefined);
    },
  };
}

/** A session of its own holding the journal's advisory lock; `onEnd` when that session ends. */
async function takeAdvisoryLock(url: string, holder: ClaimHolder, onEnd: () => void): Promise<PgClient> {
  const pg = load('pg') as PgModule;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // the server's session list says who holds the claim (63 characters at most)
    application_name: `${holder.what} pid=${holder.pid} host=${holder.host}`.slice(0, 63),
  });
  client.on('error', () => {
    // a lost connection: 'end' follows, and the claim is taken again
  });
  await client.connect();
  try {
    // a kiosk that lost power is noticed by the server in about 10 + 3 × 5 s, not hours
    await client.query(
      "SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)",
    );
    const taken = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS taken', [
      JOURNAL_ADVISORY_KEY.toString(),
    ]);
    if (taken.rows[0]?.taken !== true) {
      const found = await client.query<{ application_name: string; backend_start: Date }>(
        `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 1`,
        [(JOURNAL_ADVISORY_KEY >> 32n).toString(), (JOURNAL_ADVISORY_KEY & 0xffffffffn).toString()],
      );
      const row = found.rows[0];
      throw journalInUse(
        holder.what,
        { database: new URL(url).pathname.slice(1) },
        row && { what: row.application_name, since: row.backend_start.toISOString() },
      );
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  client.on('end', onEnd);
  return client;
}

/** The refusal: who asked, where, who holds it, and what to do. */
export function journalInUse(
  what: string,
  where: { file: string } | { database: string },
  holder: Partial<ClaimHolder> | undefined,
): KioskError {
  const by =
    holder?.what === undefined
      ? 'another process'
      : [
          holder.what,
          holder.pid !== undefined && `pid ${holder.pid}`,
          holder.host !== undefined && `on ${holder.host}`,
          holder.since !== undefined && `since ${holder.since}`,
        ]
          .filter(Boolean)
          .join(' ');
  const next =
    what === 'kiosk-daemon'
      ? 'A second daemon on one journal is refused: stop the running one first, or give this one a journal of its own.'
      : 'Stop the kiosk daemon first (a running daemon rotates its key with rotateKey), then run this again.';
  return new KioskError(ErrorCode.JOURNAL_IN_USE, `The journal is in use by ${by}. ${next}`, {
    ...where,
    ...(holder?.what !== undefined && { heldBy: by }),
  });
}

/**
 * A journal that cannot be opened at boot: waited for a while (a PostgreSQL server may start after
 * the kiosk, or restart as it boots), then refused with JOURNAL_OPEN_FAILED naming what was tried
 * and why, never INTERNAL with a driver's bare error. Both the journal's claim (`journal-claim.ts`)
 * and its connection (`openJournal`) wait alike.
 */
import { Logger } from '@nestjs/common';
import type { JournalConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';

export interface OpenRetry {
  /** tries in all, the first included */
  readonly attempts: number;
  readonly retryMs: number;
}

/** About half a minute for the database to answer at boot. */
export const OPEN_RETRY: OpenRetry = { attempts: 10, retryMs: 3_000 };

const log = new Logger('Journal');

/** The journal as a person names it: a file, or a database on a server; never a URL's password. */
export function journalNamed(journal: JournalConfig): string {
  if (journal.driver !== 'postgres' || journal.url === undefined) return `the SQLite file ${journal.path}`;
  try {
    const url = new URL(journal.url);
    return `the PostgreSQL database ${url.pathname.slice(1) || '(default)'} on ${url.host}`;
  } catch {
    return 'the PostgreSQL database (its URL does not parse)';
  }
}

/** An error's words with the journal URL's password, if any, taken out. */
function reasonOf(e: unknown, journal: JournalConfig): string {
  const text = e instanceof Error ? e.message : String(e);
  let password = '';
  try {
    password = journal.url ? decodeURIComponent(new URL(journal.url).password) : '';
  } catch {
    // a URL that does not parse has no password to hide in the driver's words
  }
  return password ? text.split(password).join('***') : text;
}

export function journalOpenFailed(journal: JournalConfig, e: unknown, attempts: number): KioskError {
  const tries = attempts === 1 ? 'once' : `${attempts} times`;
  return new KioskError(
    ErrorCode.JOURNAL_OPEN_FAILED,
    `The journal (${journalNamed(journal)}) could not be opened (tried ${tries}): ${reasonOf(e, journal)}`,
    { driver: journal.driver, attempts },
    { cause: e },
  );
}

/**
 * `open` tried up to `retry.attempts` times, `retry.retryMs` apart; a coded refusal (JOURNAL_IN_USE)
 * is final at once. The last failure is thrown as JOURNAL_OPEN_FAILED.
 */
export async function openWithRetries<T>(
  journal: JournalConfig,
  what: string,
  open: () => Promise<T>,
  retry: OpenRetry = OPEN_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await open();
    } catch (e) {
      if (e instanceof KioskError) throw e;
      log.error(`${what} failed (attempt ${attempt} of ${retry.attempts}): ${reasonOf(e, journal)}`);
      if (attempt >= retry.attempts) throw journalOpenFailed(journal, e, attempt);
      await new Promise((resolve) => setTimeout(resolve, retry.retryMs));
    }
  }
}

/** What a spec reads back from a daemon's journal file (SQLite): the steps of a journey's sessions. */
import Database from 'better-sqlite3';
import { eventually } from '@kiosk/domain/testing';

/** What `read` reads from the journal file at `path`, opened read-only for it and closed after. */
export function readJournalFile<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every journaled step of the sessions of one journey, `step:phase`, in order. */
export function journalSteps(path: string, journey: string): string[] {
  return readJournalFile(path, (db) =>
    db
      .prepare(
        `SELECT s.step || ':' || s.phase AS s FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
         WHERE t.journey = ? ORDER BY t.serial, s.seq`,
      )
      .all(journey)
      .map((r) => (r as { s: string }).s),
  );
}

/**
 * Waits until the newest transaction of `journey` is closed in the journal file. The close carries
 * what was held for it (the card's `card.eject:done`) and the outcome; a session's ended view goes
 * out only once it is written (journal first, sessions.service.ts), but a spec that waits for the
 * screen's return home or reads a journey closed otherwise (a further journey's start) waits here.
 */
export async function lastTransactionClosed(
  path: string,
  journey: string,
  timeoutMs = 10_000,
): Promise<void> {
  await eventually(
    async () =>
      readJournalFile(path, (db) => {
        const row = db
          .prepare(`SELECT status FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`)
          .get(journey) as { status: string } | undefined;
        return row?.status ?? null;
      }),
    `the last ${journey} transaction is closed in the journal`,
    { withinMs: timeoutMs, until: (status) => status === 'closed' },
  );
}

/**
 * Waits until every PIN outcome in the journal file (`host.pinOutcome` intent) has the host's answer
 * journaled: done, or a refusal that stands (failed, `triedAgain` false). The outcomes go to the host
 * in the background once journaled (pin-outcome-to-host.ts), so a spec that reads what the host was
 * told or asked from some moment on, or a card's reports after them (a PIN reset's waits for the
 * card's outcomes owed), waits here first: a late outcome of an earlier session is not this one's.
 */
export async function pinOutcomesAnswered(path: string, timeoutMs = 15_000): Promise<void> {
  await eventually(
    async () =>
      readJournalFile(path, (db) => {
        const rows = db
          .prepare(`SELECT phase, detail FROM journal_step WHERE step = 'host.pinOutcome'`)
          .all() as { phase: string; detail: string | null }[];
        const settled = rows.filter(
          (r) =>
            r.phase === 'done' ||
            (r.phase === 'failed' &&
              (JSON.parse(r.detail ?? '{}') as { triedAgain?: boolean }).triedAgain === false),
        );
        return { owed: rows.filter((r) => r.phase === 'intent').length, answered: settled.length };
      }),
    'every PIN outcome journaled is answered by the host',
    { withinMs: timeoutMs, until: ({ owed, answered }) => answered >= owed },
  );
}

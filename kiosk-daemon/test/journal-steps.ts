/** What a spec reads back from a daemon's journal file (SQLite): the steps of a journey's sessions. */
import Database from 'better-sqlite3';
import { eventually } from './fleet-monitor-process.js';

/** Every journaled step of the sessions of one journey, `step:phase`, in order. */
export function journalSteps(path: string, journey: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT s.step || ':' || s.phase AS s FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
         WHERE t.journey = ? ORDER BY t.serial, s.seq`,
      )
      .all(journey)
      .map((r) => (r as { s: string }).s);
  } finally {
    db.close();
  }
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
    async () => {
      const db = new Database(path, { readonly: true });
      try {
        const row = db
          .prepare(`SELECT status FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`)
          .get(journey) as { status: string } | undefined;
        return row?.status ?? null;
      } finally {
        db.close();
      }
    },
    (status) => status === 'closed',
    `the last ${journey} transaction is closed in the journal`,
    timeoutMs,
  );
}

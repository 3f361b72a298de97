/** What a spec reads back from a daemon's journal file (SQLite): the steps of a journey's sessions. */
import Database from 'better-sqlite3';

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

/**
 * For the specs of what reads journaled details back: a step's detail as boot may find it, not as
 * the journal wrote it (a torn write, a hand-edited row, another daemon's shape). Overwrites the
 * detail of the last row of `step` in `phase` of the transaction, straight in the database.
 */
import type { DataSource } from './typeorm-runtime.js';

export async function overwriteStepDetail(
  db: DataSource,
  transactionId: string,
  step: string,
  phase: string,
  detail: string | null,
): Promise<void> {
  const rows = await db.query<{ id: number }[]>(
    `SELECT id FROM journal_step WHERE "transactionId" = ? AND step = ? AND phase = ? ORDER BY seq DESC LIMIT 1`,
    [transactionId, step, phase],
  );
  const row = rows[0];
  if (!row) throw new Error(`no ${step}:${phase} in ${transactionId} to overwrite`);
  await db.query(`UPDATE journal_step SET detail = ? WHERE id = ?`, [detail, row.id]);
}

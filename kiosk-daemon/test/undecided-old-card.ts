/**
 * A replacement whose handed-in card recovery cannot place, for specs: zhang's damaged card is
 * handed in, the daemon is killed right after journaling its capture
 * (`journal.crashAt=after:oldCard.capture:intent`: the card still in the reader), and the intent is
 * left as a reader whose capture bin count does not read journals it, with no count (the emulated
 * reader always counts, so the count is taken out of the step while the kiosk is down). At the next
 * boot recovery captures the card still inside, but the capture bin cannot tell whether the card
 * of this hand-in went in: `recovery.oldCard` unknown and `recovery.needsStaff`, the kiosk out of
 * service until a supervisor says where the card is. The bundled daemon (`daemonStart`), as the
 * specs' next boots on the journal.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { latestTransaction } from './recovery-world.js';
import { UiClient } from './ui-client.js';

/** The options both boots run with: the damaged card taken in at the kiosk. */
export const HAND_IN_ARGS = ['--set', 'card.damagedCardHandIn=true'] as const;

/** zhang, whose damaged card is handed in */
export const HANDED_IN_BY = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/**
 * Runs the first daemon in `dir` with `args` (an external host) up to its kill in the capture,
 * then takes the count out of the journaled intent; answers the transaction's id.
 */
export async function killDuringOldCardCaptureUncounted(
  dir: string,
  args: readonly string[],
): Promise<string> {
  const first = await startDaemon(
    [...args, ...HAND_IN_ARGS, '--set', 'journal.crashAt=after:oldCard.capture:intent'],
    daemonStart(dir),
  );
  const ui = new UiClient(first.url);
  try {
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 15_000);
    expect(await ui.emit('session.start', { journey: 'replaceCard' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: HANDED_IN_BY.key });
    await ui.waitForSession((v) => v?.step === 'replacementReason', 20_000);
    expect(await ui.emit('session.replacementReason', { reason: 'damaged' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertOldCard', 20_000);
    // the capture is journaled, then the power is cut before the reader moves the card: the
    // insert's answer may be cut off with it
    await ui.emit('demo.card', { action: 'insert', cardId: HANDED_IN_BY.key }).catch(() => undefined);
    expect((await first.ended).signal).toBe('SIGKILL');
  } finally {
    ui.close();
  }
  const transactionId = latestTransaction(dir, 'replaceCard');
  const db = new Database(join(dir, 'journal.sqlite'));
  try {
    const intent = db
      .prepare(
        `SELECT id, detail FROM journal_step WHERE transactionId = ? AND step = 'oldCard.capture' AND phase = 'intent'`,
      )
      .get(transactionId) as { id: number; detail: string };
    const { captureBin, ...uncounted } = JSON.parse(intent.detail) as Record<string, unknown>;
    expect(captureBin).toEqual(expect.any(Number)); // the emulated reader counted it
    db.prepare(`UPDATE journal_step SET detail = ? WHERE id = ?`).run(JSON.stringify(uncounted), intent.id);
  } finally {
    db.close();
  }
  return transactionId;
}

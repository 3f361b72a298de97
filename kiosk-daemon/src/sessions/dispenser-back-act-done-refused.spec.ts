/**
 * The fault: a withdrawal waiting for the dispenser is settled once it answers again
 * (`dispenser-back-settlement.ts`, ADR 0020), and the journal refuses an act's `done` (the hold
 * reversed at the host, or the notes retracted, the journal full from there on): the pass throws
 * for that withdrawal. One whose notes a journey left in the presenter was then skipped by every
 * later pass (a decision journaled after the notes were left read as settled), and no comeback
 * follows a journal fault: it waited, decided by nobody, until the next boot. Now a settlement cut
 * short that way waits as it did before it, the watch tries again with the reopen's backoff, and
 * the next pass carries it through from the journal and the host's state by key: the host never
 * asked to reverse twice, the money never paid or reversed twice; a restart meanwhile settles it
 * at boot the same way.
 *
 * The real journal (SQLite in memory, refusing every step from the act's intent on by a trigger, as
 * a full store refuses), the embedded host simulator, the dispenser emulator, recovery and the watch.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { withdrawalWorld } from '../journeys/withdrawal-settlement.spec-support.js';
import { RECOVERY_RETRACT_STEP } from '../journeys/recovery-retract-counts.js';
import { DISPENSER_BACK_STEP } from './dispenser-back-settlement.js';
import {
  leftForTheDispenser,
  restartAfterTheRefusal,
  watchTriesAgainUntilClosed,
} from './dispenser-back.spec-support.js';
import { dispenserOnlyDevices } from './recovery-devices.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const REVERSE = 'recovery.withdrawal.reverse';

/** The journal full from `act`'s intent on: its `done`, and every step after, refused. */
const fullAfterIntentOf = (act: string) =>
  `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
   WHEN (SELECT count(*) FROM "journal_step" WHERE "step" = '${act}' AND "phase" = 'intent') > 0
   BEGIN SELECT RAISE(ABORT, 'no space'); END`;

/** The journey left its notes in the presenter (its retract unanswered) and ended; noted as waiting. */
async function notesLeftInThePresenter() {
  const w = await withdrawalWorld();
  await w.leftInPresenter();
  const recovery = new SessionRecoveryService(dispenserOnlyDevices(w.dispenser), w.journal, w.host);
  await recovery.notesLeftInPresenter(w.tx);
  expect(recovery.waitsForTheDispenser).toBe(true);
  const reversals = jest.spyOn(w.host, 'reverseWithdrawal');
  const count = async (name: string) => (await w.steps()).filter((s) => s === name).length;
  return { w, recovery, reversals, count };
}

describe('dispenser-back-act-done-refused', () => {
  it("fault: the journal refuses the reversal's done (notes in the presenter): still waiting, and the next pass settles it from the host's state, never reversed twice", async () => {
    const { w, recovery, reversals, count } = await notesLeftInThePresenter();
    await w.db.query(fullAfterIntentOf(REVERSE));
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toMatchObject({
      failed: [{ id: w.tx, code: ErrorCode.JOURNAL_WRITE_FAILED }],
    });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(recovery.waitsForTheDispenser).toBe(true);

    await w.db.query('DROP TRIGGER refuse');
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toEqual({
      leftForStaff: 0,
      stillWaiting: 0,
      failed: [],
    });
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(await count(`${DISPENSER_BACK_STEP}:event`)).toBe(2);
    expect(await count('recovery.needsStaff:event')).toBe(0);
    expect(reversals).toHaveBeenCalledTimes(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });

  it("fault: the journal refuses the reversal's done alone: not left for staff as a reversal that failed (it was made); the next pass settles it", async () => {
    const { w, recovery, reversals, count } = await notesLeftInThePresenter();
    await w.db.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
       WHEN NEW."step" = '${REVERSE}' AND NEW."phase" = 'done' BEGIN SELECT RAISE(ABORT, 'no space'); END`,
    );
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toMatchObject({
      failed: [{ id: w.tx, code: ErrorCode.JOURNAL_WRITE_FAILED }],
    });
    expect(recovery.waitsForTheDispenser).toBe(true);
    await w.db.query('DROP TRIGGER refuse');
    await recovery.settleWhenTheDispenserIsBack();
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(await count('recovery.needsStaff:event')).toBe(0);
    expect(reversals).toHaveBeenCalledTimes(1);
    expect(w.balance()).toBe(w.before);
  });

  it("fault: the journal refuses the retract's done (notes in the retract bin, still held): the next pass reverses the hold once", async () => {
    const { w, recovery, reversals, count } = await notesLeftInThePresenter();
    await w.db.query(fullAfterIntentOf(RECOVERY_RETRACT_STEP));
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toMatchObject({
      failed: [{ id: w.tx, code: ErrorCode.JOURNAL_WRITE_FAILED }],
    });
    expect(w.dispenser.presenter().state).toBe('empty');
    expect(reversals).not.toHaveBeenCalled();
    expect(recovery.waitsForTheDispenser).toBe(true);

    await w.db.query('DROP TRIGGER refuse');
    await recovery.settleWhenTheDispenserIsBack();
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(await count(`${RECOVERY_RETRACT_STEP}:intent`)).toBe(1);
    expect(await count(`${REVERSE}:done`)).toBe(1);
    expect(reversals).toHaveBeenCalledTimes(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });

  it('fault: no comeback follows the refused done: the watch tries it again after the first interval and the kiosk is placed once it is settled', async () => {
    const { w, recovery } = await leftForTheDispenser();
    await w.db.query(fullAfterIntentOf(REVERSE));
    await watchTriesAgainUntilClosed(
      w,
      recovery,
      'recovery: the journal refused a step of the late settlement (JOURNAL_WRITE_FAILED): tried again in 20 ms (1 of 5)',
    );
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });

  it('a restart after the refused done: boot recovery settles it from the host by key, never a second reversal', async () => {
    await restartAfterTheRefusal(fullAfterIntentOf(REVERSE));
  });
});

/**
 * Fault: the notes presented at the slot were not taken in time and the withdrawal journey retracted
 * them; the resident took part of them just as the retract ran, so the RETRACT took back some notes
 * but fewer than were presented. The journey went on to reverse the whole amount at the host, and
 * recovery after a restart read the retract's done (notes taken back) as the notes in the bin and
 * reversed the whole hold too: the resident was paid the part they took twice (in cash, and as the
 * reversed debit). Now such a short retract reverses nothing and confirms nothing: the journey
 * journals the facts for staff (`cash.retractShort`) and ends undecided (CASH_PARTLY_TAKEN), and
 * recovery leaves it for staff (WITHDRAWAL_UNDECIDED, `recovery.needsStaff` with the counts) at
 * every boot until a staff verdict, the hold kept.
 *
 * The journey as the daemon provides it (its real dispense, present and retract actors, the real
 * journal on SQLite in memory, the in-memory dispenser emulator) on a simulated clock; for the
 * restart, the real journal, the embedded host simulator and boot recovery. The take is the
 * emulator's own (`takeSomeCash`), made just before its retract runs.
 */
import { describe, expect, it } from '@jest/globals';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { CASH_TAKE_MS, notesAtSlot, withdrawalInSession } from './withdrawal-daemon-actors.spec-support.js';
import { pendingWithdrawals } from '../maintenance/pending-withdrawals.js';
import { retractAtSlot } from './withdrawal-retract.js';
import { settleWithdrawalByStaff, type WithdrawalVerdict } from './withdrawal-staff-settlement.js';
import { AMOUNT, takeAsRetractRuns, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

/** The journey as the daemon provides it on the emulator, the notes at the slot for the take. */
async function atTheSlot() {
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const w = await withdrawalInSession(dispenser);
  await notesAtSlot(w);
  return { dispenser, w };
}

const retractBin = (d: CashDispenserEmulator) =>
  d.status().supplies.find((s) => s.name === 'retractBin')?.count;

describe('fault: the journey’s retract takes back fewer notes than were presented', () => {
  it('journey-retract-takes-back-fewer-notes: nothing reversed, nothing confirmed, left for staff with the counts', async () => {
    const { dispenser, w } = await atTheSlot();
    expect(dispenser.presenter()).toMatchObject({ state: 'presented', amountFen: AMOUNT, notes: 3 });
    takeAsRetractRuns(dispenser, 1);
    // the notes are not taken in time: the take timeout starts the retract, one note goes as it runs
    w.clock.increment(CASH_TAKE_MS);

    const done = await waitFor(w.actor, (s) => s.status === 'done');
    expect(done.output).toMatchObject({
      outcome: 'failed',
      reversed: false,
      confirmed: false,
      needsReconciliation: true,
      error: { code: ErrorCode.CASH_PARTLY_TAKEN },
    });
    expect(w.reversals).toEqual([]);
    expect(retractBin(dispenser)).toBe(2);
    const steps = await w.steps();
    expect(steps).toEqual(
      expect.arrayContaining(['cash.retract:intent', 'cash.retract:done', 'cash.retractShort:event']),
    );
    expect(steps).not.toContain('withdrawal.reverse:intent');
    expect(await w.detail('cash.retract', 'intent')).toMatchObject({ atSlotFen: AMOUNT, atSlotNotes: 3 });
    expect(await w.detail('cash.retractShort', 'event')).toEqual({
      forStaff: true,
      retractStep: 'cash.retract',
      atSlotFen: AMOUNT,
      atSlotNotes: 3,
      retractedFen: 20_000,
      notesRetracted: 2,
    });
  });

  it('a retract that takes back every note presented still reverses the whole amount', async () => {
    const { dispenser, w } = await atTheSlot();
    w.clock.increment(CASH_TAKE_MS);

    const done = await waitFor(w.actor, (s) => s.status === 'done');
    expect(done.output).toMatchObject({ reversed: true, needsReconciliation: false });
    expect(w.reversals).toEqual([expect.objectContaining({ amountFen: AMOUNT, reason: 'CASH_NOT_TAKEN' })]);
    expect(await w.steps()).not.toContain('cash.retractShort:event');
    expect(retractBin(dispenser)).toBe(3);
  });

  it('journey-retract-takes-back-fewer-notes across a restart: the kiosk stopped after the short retract’s done, recovery never reverses the whole', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    takeAsRetractRuns(w.dispenser, 1);
    // the journey's retract of the notes presented, journaled done; the kiosk stops before it
    // journals the short retract for staff
    await retractAtSlot(w.dispenser, w.tools, undefined, { atSlotFen: AMOUNT, atSlotNotes: 3 });
    const steps = await w.steps();
    expect(steps).toContain('cash.retract:done');
    expect(steps).not.toContain('cash.retractShort:event');

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    const after = await w.journal.stepsOf(w.tx);
    const left = after.at(-1)!;
    expect(`${left.step}:${left.phase}`).toBe('recovery.needsStaff:event');
    expect(JSON.parse(left.detail ?? '{}')).toMatchObject({
      reason: 'the retract took back fewer notes than the presenter held',
      retractStep: 'cash.retract',
      atSlotFen: AMOUNT,
      atSlotNotes: 3,
      retractedFen: 20_000,
      notesRetracted: 2,
    });

    // the next boot decides nothing new: still left for staff, never reversed
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    // the supervisor's list shows what was at the slot and what came back
    const listed = await pendingWithdrawals(w.journal, w.dispenser, async () => [w.tx]);
    expect(listed).toMatchObject([
      {
        transactionId: w.tx,
        retractShort: { atSlotFen: AMOUNT, atSlotNotes: 3, retractedFen: 20_000, notesRetracted: 2 },
      },
    ]);
  });

  it.each<[WithdrawalVerdict, number, number]>([
    // paid: the note the resident took is paid, the two taken back into the bin given back
    ['paid', 10_000, 20_000],
    // not paid: the missing note is in the machine after all (staff found it), all given back
    ['notPaid', 0, AMOUNT],
  ])(
    'the supervisor’s verdict on a short retract, %s: paid %i, given back %i, once',
    async (verdict, paidFen, reversedFen) => {
      const w = await withdrawalWorld();
      await w.presented();
      takeAsRetractRuns(w.dispenser, 1);
      await retractAtSlot(w.dispenser, w.tools, undefined, { atSlotFen: AMOUNT, atSlotNotes: 3 });
      await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });

      const deps = { journal: w.journal, host: w.host, dispenser: w.dispenser };
      await settleWithdrawalByStaff(deps, w.tx, verdict, 'supervisor-1');
      expect(w.balance()).toBe(w.before - paidFen);
      const held = await w.host.withdrawalByKey(w.tx);
      expect(held).toMatchObject({ heldFen: 0, paidFen, reversedFen });
      // the next boot finds nothing held: nothing reversed or confirmed again
      await w.boot();
      expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, paidFen, reversedFen });
    },
  );
});

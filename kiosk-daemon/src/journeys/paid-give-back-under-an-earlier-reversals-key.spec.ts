/**
 * Fault: a supervisor's "paid" on a withdrawal whose retract came back short gives back first what
 * the retract took into the bin, and sent it under the plain reversal's idempotency key
 * (`…:reverse:<amount>`). After an earlier reversal of the same amount under the serial (as a
 * partial dispense's is sent) the host refused it as a reused key with another body
 * (HOST_IDEMPOTENCY_KEY_REUSED): the notes in the bin were never given back, the confirm never
 * sent, and each try again (the supervisor's, each boot's) was refused the same way. Now the
 * give-back has a key of its own (`…:reverse-short:<amount>`), the same at a restart between its
 * intent and its done (the amount is read from the hold as the host holds it, so once taken it
 * is not sent again).
 *
 * The real journal (SQLite in memory), the embedded host simulator over HTTP, the dispenser
 * emulator (three hundred-yuan notes presented; the resident takes one as the retract runs) and
 * boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { stepDetail } from '../journal/step-detail.js';
import { retractAtSlot } from './withdrawal-retract.js';
import { AMOUNT, takeAsRetractRuns, withdrawalWorld } from './withdrawal-settlement.spec-support.js';
import { settleWithdrawalByStaff } from './withdrawal-staff-settlement.js';

/** One note of three taken as the retract ran (two in the bin), left for staff; then 100 yuan given back under the plain key. */
async function shortRetractAfterAnEarlierReversal() {
  const w = await withdrawalWorld();
  const authorisationId = await w.presented();
  takeAsRetractRuns(w.dispenser, 1);
  await retractAtSlot(w.dispenser, w.tools, undefined, { atSlotFen: AMOUNT, atSlotNotes: 3 });
  await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
  // an earlier reversal of 100 yuan under the serial's plain key, as a partial dispense's is sent:
  // 200 held, 100 paid (the note taken), so "paid" gives back 100 first, the same amount
  await w.host.reverseWithdrawal(authorisationId, w.tx, { amountFen: 10_000, reason: 'dispenseFault' });
  const reversals = () =>
    w.simulator.state.ledger.transactions().filter((t) => t.kind === 'withdrawalReversal');
  const named = async (step: string, phase: string) =>
    (await w.journal.stepsOf(w.tx)).filter((s) => s.step === step && s.phase === phase);
  return { ...w, authorisationId, reversals, named };
}

const settled = { heldFen: 0, paidFen: 10_000, reversedFen: 20_000, status: 'confirmed' };

describe('fault: a verdict’s give-back under an earlier reversal’s key (refused as reused, or replayed)', () => {
  it('paid-give-back-under-an-earlier-reversals-key: staff’s "paid" gives back the bin’s 100 yuan under its own key, then confirms', async () => {
    const w = await shortRetractAfterAnEarlierReversal();
    const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
    await expect(settleWithdrawalByStaff(staff, w.tx, 'paid', 'FS-0002')).resolves.toMatchObject({
      hostStatus: 'confirmed',
    });
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject(settled);
    expect(w.reversals().map((t) => t.description)).toEqual([
      expect.stringContaining('(dispenseFault)'),
      expect.stringContaining('(retracted)'),
    ]);
    expect((await w.named('recovery.withdrawal.reverse', 'intent')).map(stepDetail)).toEqual([
      { amountFen: 10_000, reason: 'retractShort' },
    ]);
    expect(await w.named('recovery.withdrawal.reverse', 'failed')).toEqual([]);
    // the next boot finds nothing held: nothing given back again
    await w.boot();
    expect(w.reversals()).toHaveLength(2);
  });

  it('paid-give-back-under-an-earlier-reversals-key at boot: the sweep carries a journaled "paid" through under the same key', async () => {
    const w = await shortRetractAfterAnEarlierReversal();
    await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', { verdict: 'paid', staff: 'FS-0002' });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
    await w.boot();
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject(settled);
    expect(await w.named('recovery.withdrawal.reverse', 'failed')).toEqual([]);
    expect(w.reversals()).toHaveLength(2);
  });

  it.each([
    ['reached the host', true],
    ['never left the kiosk', false],
  ])(
    'a restart between the give-back’s intent and its done (it %s): the next boot gives back once, under the same key',
    async (_how, reached) => {
      const w = await shortRetractAfterAnEarlierReversal();
      await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', {
        verdict: 'paid',
        staff: 'FS-0002',
      });
      await w.journal.recordStep(w.tx, 'recovery.withdrawal.reverse', 'intent', {
        amountFen: 10_000,
        reason: 'retractShort',
      });
      const body = { amountFen: 10_000, reason: 'retracted' } as const;
      if (reached) await w.host.reverseWithdrawal(w.authorisationId, w.tx, body, undefined, 'reverse-short');
      await w.boot();
      expect(await w.host.withdrawalByKey(w.tx)).toMatchObject(settled);
      expect(w.reversals()).toHaveLength(2);
      expect(await w.named('recovery.withdrawal.reverse', 'failed')).toEqual([]);
    },
  );

  it('not-paid-give-back-replayed-under-an-earlier-reversals-key: "not paid" after an earlier reversal of half the hold gives back the rest, not a replay', async () => {
    const w = await withdrawalWorld();
    const authorisationId = await w.presented();
    await w.retractCutShort();
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    // 150 yuan given back under the plain key as a dispense fault: "not paid" gives back the other
    // 150 as a dispense fault too, the same key and body, which the host answers with the first's answer
    const half = { amountFen: AMOUNT / 2, reason: 'dispenseFault' } as const;
    await w.host.reverseWithdrawal(authorisationId, w.tx, half);
    const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
    await expect(settleWithdrawalByStaff(staff, w.tx, 'notPaid', 'FS-0002')).resolves.toMatchObject({
      hostStatus: 'reversed',
    });
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, paidFen: 0, reversedFen: AMOUNT });
    expect(w.balance()).toBe(w.before);
  });
});

/**
 * Fault: a withdrawal whose retracted count the kiosk does not know (a retract that took back fewer
 * notes than were at the slot, cut by a restart before its done: `shortRetractCutOf`) is left for
 * staff, and the supervisor's two verdicts both lost money: "paid" confirmed the whole hold (the
 * resident, who took one note of three, paid for three) and "not paid" reversed it whole (the fund
 * paid the note taken). Now the supervisor says what the resident took, as counted at the visit
 * (`taken`, `takenFen`): the hold above it is given back (retracted, `staffCountedTaken`) and the
 * rest confirmed, each journaled first, read from the host's hold as it is now so that a restart
 * between the two acts makes neither twice; an amount the kiosk cannot have paid is refused
 * MAINTENANCE_SETTLEMENT_AMOUNT_INVALID with nothing journaled or moved.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator (three
 * hundred-yuan notes presented; the retract bin counts what it takes in) and boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { stepDetail } from '../journal/step-detail.js';
import { journaledAct } from './journey-tools.js';
import { dispenserCounts } from './withdrawal-retract.js';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';
import { settleWithdrawalByStaff, type WithdrawalVerdict } from './withdrawal-staff-settlement.js';
import { checkTakenFen } from './withdrawal-verdict.js';

/** Three notes at the slot; the resident takes one as the retract runs, the kiosk stops before its done. */
async function shortRetractCut() {
  const w = await withdrawalWorld();
  const authorisationId = await w.presented();
  await w.retractCutShort();
  await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
  const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
  const settle = (verdict: WithdrawalVerdict) => settleWithdrawalByStaff(staff, w.tx, verdict, 'FS-0002');
  const atHost = () => w.host.withdrawalByKey(w.tx);
  const named = async (step: string, phase: string) =>
    (await w.journal.stepsOf(w.tx)).filter((s) => s.step === step && s.phase === phase);
  return { ...w, authorisationId, staff, settle, atHost, named };
}

const reversals = (w: Awaited<ReturnType<typeof withdrawalWorld>>) =>
  w.simulator.state.ledger.transactions().filter((t) => t.kind === 'withdrawalReversal');

describe('fault: a withdrawal whose retracted count is unknown, settled by the amount counted', () => {
  it('retract-count-unknown-settled-by-amount-taken: 100 yuan of 300 taken, 100 paid, 200 given back as retracted, once', async () => {
    const w = await shortRetractCut();
    // what "paid" would have done: the whole hold confirmed, though two notes are in the bin
    expect(await w.atHost()).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });

    await expect(w.settle({ takenFen: 10_000 })).resolves.toMatchObject({ hostStatus: 'confirmed' });
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    expect(w.balance()).toBe(w.before - 10_000);
    expect((await w.named('recovery.staffVerdict', 'event')).map(stepDetail)).toEqual([
      { verdict: 'taken', takenFen: 10_000, staff: 'FS-0002' },
    ]);
    expect((await w.named('recovery.withdrawal.reverse', 'intent')).map(stepDetail)).toEqual([
      { amountFen: 20_000, reason: 'staffCountedTaken' },
    ]);
    expect(await w.named('recovery.withdrawal.confirm', 'done')).toHaveLength(1);
    // given back as retracted cash: the host counts it among its anomalies, as a short retract's
    expect(reversals(w).map((t) => t.description)).toEqual([expect.stringContaining('(retracted)')]);
    expect((await w.journal.openTransactions()).map((t) => t.id)).not.toContain(w.tx);

    // the next boot finds nothing held: nothing given back or confirmed again
    await w.boot();
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    expect(reversals(w)).toHaveLength(1);
  });

  it.each([
    ['none taken: all given back, nothing confirmed', 0, 0, AMOUNT, 'reversed'],
    ['all taken: all confirmed, nothing given back', AMOUNT, AMOUNT, 0, 'confirmed'],
  ])('counted %s', async (_what, takenFen, paidFen, reversedFen, status) => {
    const w = await shortRetractCut();
    await expect(w.settle({ takenFen })).resolves.toMatchObject({ hostStatus: status });
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen, reversedFen, status });
    expect(w.balance()).toBe(w.before - paidFen);
  });

  it.each([
    ['settlement-amount-above-presented', 40_000],
    ['settlement-amount-not-made-of-notes (30 yuan from 100s and 50s)', 3_000],
    ['settlement-amount-not-made-of-notes (an odd fen)', 10_001],
    ['settlement-amount-not-whole-fen (negative)', -10_000],
    ['settlement-amount-not-whole-fen (a fraction)', 100.5],
  ])('%s: refused, nothing journaled, nothing moved at the host', async (_fault, takenFen) => {
    const w = await shortRetractCut();
    const stepsBefore = await w.steps();
    await expect(w.settle({ takenFen })).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID,
    });
    expect(await w.steps()).toEqual(stepsBefore);
    expect(await w.atHost()).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });
    // counted again, a right amount settles it
    await w.settle({ takenFen: 10_000 });
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000 });
  });

  it('settlement-amount-other-than-given: while the host has not answered only the same amount is sent again', async () => {
    const w = await shortRetractCut();
    const away = { ...w.staff, host: w.deps.host };
    w.link.down = true;
    await expect(settleWithdrawalByStaff(away, w.tx, { takenFen: 10_000 }, 'FS-0002')).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    for (const other of [{ takenFen: 20_000 }, 'paid', 'notPaid'] as const)
      await expect(w.settle(other)).rejects.toMatchObject({
        code: ErrorCode.MAINTENANCE_ALREADY_SETTLED,
        // the verdict that stands, with its amount: what staff are told
        details: { verdict: 'taken', takenFen: 10_000 },
      });
    await w.settle({ takenFen: 10_000 });
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    expect(await w.named('recovery.staffVerdict', 'event')).toHaveLength(1);
  });

  it('taken-give-back-under-an-earlier-reversals-key: the give-back has an idempotency key of its own, never replayed or refused as another', async () => {
    const w = await shortRetractCut();
    // an earlier reversal of 100 yuan under the serial, as a partial dispense's is sent
    await w.host.reverseWithdrawal(w.authorisationId, w.tx, { amountFen: 10_000, reason: 'dispenseFault' });
    await w.settle({ takenFen: 10_000 });
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    expect(reversals(w)).toHaveLength(2);
  });

  it('settlement-amount-with-presented-unknown: no dispense journaled, no amount taken can be checked', () => {
    const refused = (() => {
      try {
        checkTakenFen('tx-1', 10_000, [], []);
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(KioskError);
    expect(refused).toMatchObject({ code: ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID });
  });

  it.each([
    ['open (carried through by its verdict)', false],
    ['closed (found by the sweep of held withdrawals)', true],
  ])(
    'a restart between the give-back and the confirm, the withdrawal %s: the next boot confirms the rest once, never gives back again',
    async (_how, closed) => {
      const w = await shortRetractCut();
      // the settlement as the kill left it: the verdict, the give-back done, the confirm never sent
      await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', {
        verdict: 'taken',
        takenFen: 10_000,
        staff: 'FS-0002',
      });
      await journaledAct(
        w.journal,
        w.tx,
        'recovery.withdrawal.reverse',
        () =>
          w.host.reverseWithdrawal(
            w.authorisationId,
            w.tx,
            { amountFen: 20_000, reason: 'retracted' },
            undefined,
            'reverse-taken',
          ),
        { amountFen: 20_000, reason: 'staffCountedTaken' },
      );
      if (closed) await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);

      await w.boot();
      expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
      expect(reversals(w)).toHaveLength(1);
      expect(await w.named('recovery.withdrawal.reverse', 'intent')).toHaveLength(1);
      expect(await w.named('recovery.withdrawal.confirm', 'done')).toHaveLength(1);
      await w.boot();
      expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    },
  );

  it('a restart after the verdict, the withdrawal closed: boot gives back above the amount taken as staff would, retracted, then confirms', async () => {
    const w = await shortRetractCut();
    await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', {
      verdict: 'taken',
      takenFen: 10_000,
      staff: 'FS-0002',
    });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
    await w.boot();
    expect(await w.atHost()).toMatchObject({ heldFen: 0, paidFen: 10_000, reversedFen: 20_000 });
    expect((await w.named('recovery.withdrawal.reverse', 'intent')).map(stepDetail)).toEqual([
      { amountFen: 20_000, reason: 'staffCountedTaken' },
    ]);
    expect(reversals(w).map((t) => t.description)).toEqual([expect.stringContaining('(retracted)')]);
  });

  it('taken-verdict-cut-before-its-retract: notes still at the slot when boot carries the verdict of a closed withdrawal are retracted before the host is told', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    // the resident took one of three; the verdict journaled, then the power went before staff's retract
    expect(w.dispenser.takeSomeCash(1)).toBe(true);
    await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', {
      verdict: 'taken',
      takenFen: 10_000,
      staff: 'FS-0002',
    });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    const binBefore = dispenserCounts(w.dispenser).retractBinBefore;

    await w.boot();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'empty' });
    expect(dispenserCounts(w.dispenser).retractBinBefore).toBe((binBefore ?? 0) + 2);
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({
      heldFen: 0,
      paidFen: 10_000,
      reversedFen: 20_000,
    });
    const steps = (await w.journal.stepsOf(w.tx)).map((s) => `${s.step}:${s.phase}`);
    expect(steps.indexOf('recovery.cash.retract:done')).toBeLessThan(
      steps.indexOf('recovery.withdrawal.reverse:intent'),
    );
  });

  it('a taken verdict whose amount does not read is never decided by recovery: left for staff', async () => {
    const w = await shortRetractCut();
    await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', {
      verdict: 'taken',
      staff: 'FS-0002',
    });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(await w.atHost()).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });
  });
});

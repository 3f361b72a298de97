/**
 * Fault: a dispense's outcome is unknown (no answer) and the retract right after it fails too (its
 * shutter jammed), on the counting dispenser (the in-memory emulator, which counts its own
 * notes). The journey reversed the hold anyway and closed the transaction: the notes it counted
 * stayed in the presenter, never visited again (the host holding nothing, recovery's sweep of held
 * withdrawals passed them by), and a resident who took them later was paid without a charge. Now
 * the notes left in the presenter are journaled for staff (`cash.leftInPresenter`), the hold stays,
 * and once the dispenser can retract the withdrawal is settled by what its presenter holds:
 * retracted (the bins' counts written once) and reversed. The journey as the daemon provides it
 * (its real dispense and retract actors, the real journal on SQLite in memory); host fakes.
 */
import { describe, expect, it } from '@jest/globals';
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import { waitFor } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { settleWithdrawalAtBoot } from './withdrawal-boot-settlement.js';
import { AMOUNT, withdrawalInSession } from './withdrawal-daemon-actors.spec-support.js';

/**
 * The emulator counts the notes, then does not answer (the outcome unknown); its shutter jams on
 * the retract until `unjam()`.
 */
async function dispenserLostAfterCounting() {
  const emulator = new CashDispenserEmulator();
  await emulator.open();
  let jammed = true;
  const dispense = async (amountFen: number) => {
    await emulator.dispense(amountFen);
    throw new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The dispenser did not answer.', {
      outcomeUnknown: true,
    });
  };
  const retract = async () => {
    if (jammed) throw new KioskError(ErrorCode.CASH_JAM, 'The shutter is jammed.');
    return emulator.retract();
  };
  // the emulator itself for everything else (its own methods on itself)
  const dispenser = new Proxy(emulator, {
    get: (target, key) => {
      if (key === 'dispense') return dispense;
      if (key === 'retract') return retract;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as CashDispenserPort;
  return { emulator, dispenser, unjam: () => (jammed = false) };
}

/**
 * The host's hold of the withdrawal, reversed once when asked: by the settlement (`reversals`), or
 * already by the journey (`journeyReversals`, its reversal's fake).
 */
function heldAtHost(serial: () => string, journeyReversals: readonly unknown[]) {
  const reversals: unknown[] = [];
  let heldFen = journeyReversals.length > 0 ? 0 : AMOUNT;
  const view = (): WithdrawalView => ({
    authorisationId: 'auth-1',
    cardNumber: 'H41080000101',
    transactionSerial: serial(),
    status: heldFen > 0 ? 'authorised' : 'reversed',
    amountFen: AMOUNT,
    heldFen,
    paidFen: 0,
    reversedFen: AMOUNT - heldFen,
    balanceAfterFen: 356_780,
    authorisedAt: '2026-11-28T08:00:00.000Z',
    settledAt: heldFen > 0 ? null : '2026-11-28T08:05:00.000Z',
  });
  const host = {
    withdrawalByKey: async () => view(),
    reverseWithdrawal: async (_id: string, _serial: string, body: unknown) => {
      reversals.push(body);
      heldFen = 0;
      return view();
    },
  } as unknown as HostService;
  return { host, reversals };
}

const log = { warn: () => undefined, error: () => undefined };

/**
 * The withdrawal up to its end on this dispenser; the host's authorisation (a fake here) journaled
 * as the journey's own actor journals it.
 */
async function withdrawalLeavingNotes() {
  const { emulator, dispenser, unjam } = await dispenserLostAfterCounting();
  const w = await withdrawalInSession(dispenser);
  await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
  await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'done');
  w.actor.start();
  await waitFor(w.actor, (s) => s.matches('chooseAmount'));
  w.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
  const done = await waitFor(w.actor, (s) => s.status === 'done');
  return { emulator, dispenser, unjam, w, done };
}

describe('fault: the retract after a dispense of unknown outcome fails (counting dispenser)', () => {
  it('keeps the hold and journals the notes left in the presenter for staff, instead of reversing', async () => {
    const { emulator, w, done } = await withdrawalLeavingNotes();

    expect(done.output).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.CASH_JAM },
      paidFen: 0,
      reversed: false,
      confirmed: false,
      needsReconciliation: true,
    });
    expect(w.reversals).toEqual([]);
    expect(await w.steps()).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:done',
      'withdrawal.authorised:event',
      'cash.dispense:intent',
      'cash.dispense:failed',
      'cash.retract:intent',
      'cash.retract:failed',
      'cash.leftInPresenter:event',
    ]);
    expect(await w.detail('cash.leftInPresenter', 'event')).toEqual({
      forStaff: true,
      code: ErrorCode.CASH_JAM,
      presenter: 'staged',
      notes: 3,
      amountFen: AMOUNT,
    });
    // the notes are where the dispense left them
    expect(emulator.presenter()).toMatchObject({ state: 'staged', notes: 3 });
  });

  it('settles it by the presenter once the dispenser can retract: retracted, counted once, reversed', async () => {
    const { emulator, dispenser, unjam, w } = await withdrawalLeavingNotes();
    const { host, reversals } = heldAtHost(() => w.tx, w.reversals);
    unjam(); // staff cleared the shutter

    const deps = { journal: w.journal, host, devices: { cashDispenser: dispenser }, log };
    expect(await settleWithdrawalAtBoot(deps, w.tx)).toBe(true);
    expect(reversals).toEqual([{ amountFen: AMOUNT, reason: 'retracted' }]);
    expect(emulator.presenter()).toMatchObject({ state: 'empty', notes: 0 });
    const retractBin = () => emulator.status().supplies.find((s) => s.name === 'retractBin')?.count;
    expect(retractBin()).toBe(3);
    const recorded = async () => (await w.journal.counters.latestCounters()).cashDispenser?.counters;
    expect(await recorded()).toMatchObject({ retractBin: 3 });
    expect(await w.steps()).toEqual(
      expect.arrayContaining([
        'recovery.cash.retract:intent',
        'recovery.cash.retract:done',
        'recovery.withdrawal.reverse:done',
      ]),
    );

    // settled again (the next boot's sweep): nothing held, nothing in the presenter, nothing moves
    expect(await settleWithdrawalAtBoot(deps, w.tx)).toBe(false);
    expect(reversals).toHaveLength(1);
    expect(retractBin()).toBe(3);
    expect(await recorded()).toMatchObject({ retractBin: 3 });
  });

  it('notes gone from the presenter since (the retract bin unchanged): left for field staff, never reversed', async () => {
    const { emulator, dispenser, unjam, w } = await withdrawalLeavingNotes();
    // the jammed shutter gave way on the notes, and a hand took them from the slot
    await emulator.present();
    expect(emulator.takeCash()).toBe(true);
    const { host, reversals } = heldAtHost(() => w.tx, w.reversals);
    unjam();

    const deps = { journal: w.journal, host, devices: { cashDispenser: dispenser }, log };
    expect(await settleWithdrawalAtBoot(deps, w.tx)).toBeUndefined();
    expect(reversals).toEqual([]);
    expect(await w.steps()).toEqual(expect.arrayContaining(['recovery.needsStaff:event']));
    expect(await w.detail('recovery.needsStaff', 'event')).toEqual({
      reason: 'the notes left in the presenter after a failed retract are gone, not in the retract bin',
    });
  });
});

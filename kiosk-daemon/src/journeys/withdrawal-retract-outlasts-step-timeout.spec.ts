/**
 * The fault: the withdrawal's retracting step timed out after the step timeout (30 s) while the
 * dispenser's retract may take up to its dispense timeout (a dispenser still counting refuses it
 * busy, and the retract waits for the count) plus its answer time. The journey ended for staff
 * (needsReconciliation, no reversal) and stopped the retract's actor: its wait was cancelled, the
 * notes left in the presenter uncounted. Now the step waits for the retract's answer.
 * The journey as the daemon provides it (its real dispense, present and retract actors, the real
 * journal on SQLite in memory, the in-memory dispenser emulator) on a simulated clock; the host's
 * acts are fakes, the retract waits behind a gate the spec opens after the old step timeout.
 */
import { describe, expect, it } from '@jest/globals';
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import {
  AMOUNT,
  CASH_TAKE_MS,
  STEP_MS,
  gatedEmulator,
  notesAtSlot,
  withdrawalInSession,
} from './withdrawal-daemon-actors.spec-support.js';

/**
 * The emulator, its retract held while "the dispenser still counts" until the spec answers; an
 * aborted signal stops the wait as the drivers' retract does (DEVICE_OPERATION_CANCELLED).
 */
async function countingDispenser() {
  const { emulator, gate: counted, answer, ask, asked } = await gatedEmulator();
  const dispenser = {
    status: () => emulator.status(),
    cassettes: () => emulator.cassettes(),
    presenter: () => emulator.presenter(),
    dispense: (amountFen: number, signal?: AbortSignal) => emulator.dispense(amountFen, signal),
    present: (signal?: AbortSignal) => emulator.present(signal),
    retract: async (signal?: AbortSignal) => {
      ask();
      await new Promise<void>((resolve, reject) => {
        const cancelled = () =>
          reject(new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The retract was cancelled.'));
        if (signal?.aborted) return cancelled();
        signal?.addEventListener('abort', cancelled, { once: true });
        void counted.then(resolve);
      });
      return emulator.retract();
    },
  } as unknown as CashDispenserPort;
  return { emulator, dispenser, retractAsked: asked, answer };
}

describe('withdrawal (daemon actors): a retract that outlasts the step timeout', () => {
  it('a retract answered after the old step timeout (the dispenser was still counting): the notes retracted are counted and the hold reversed, not left for staff', async () => {
    const { emulator, dispenser, retractAsked, answer } = await countingDispenser();
    const w = await withdrawalInSession(dispenser);
    await notesAtSlot(w);
    // the notes are not taken: the take timeout starts the retract, which waits for the count
    w.clock.increment(CASH_TAKE_MS);
    await retractAsked;
    w.clock.increment(STEP_MS + 10_000);
    await new Promise((resolve) => setImmediate(resolve));
    answer();

    const done = await waitFor(w.actor, (s) => s.status === 'done');
    expect(done.output).toMatchObject({ paidFen: 0, reversed: true, needsReconciliation: false });
    expect(w.reversals).toEqual([
      { sessionId: 's-1', transactionId: 'auth-1', amountFen: AMOUNT, reason: 'CASH_NOT_TAKEN' },
    ]);
    expect(await w.steps()).toEqual(
      expect.arrayContaining(['cash.retract:intent', 'cash.retract:done', 'cash.retracted:event']),
    );
    expect(await w.steps()).not.toContain('cash.retract:failed');
    expect(await w.detail('cash.retracted', 'event')).toMatchObject({ retractedFen: AMOUNT, notes: 3 });
    // the notes are in the retract bin, none left in the presenter for staff
    expect(emulator.presenter()).toMatchObject({ state: 'empty', amountFen: 0 });
    expect(emulator.status().supplies.find((x) => x.name === 'retractBin')?.count).toBe(3);
  });
});

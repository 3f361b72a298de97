/**
 * The fault: a dispenser driver that breaks its own bounds and never answers (a future driver that
 * forgot them; it still honours its signal, as the drivers do). The withdrawal's dispenser steps
 * have no step timer, so such a driver held the session for ever. Their backstop, derived from the
 * configured bounds (`cashActBackstopMs`), now takes the act's outcome as unknown: the notes it
 * may have counted are retracted and counted, the hold reversed. The journey as the daemon
 * provides it (its real dispense, present and retract actors, the real journal on SQLite in
 * memory, the in-memory dispenser emulator) on a simulated clock; the host's acts are fakes.
 */
import { describe, expect, it } from '@jest/globals';
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { cashActBackstopMs } from '@kiosk/state-machines';
import { waitFor } from 'xstate';
import {
  AMOUNT,
  BOUNDS,
  gatedEmulator,
  withdrawalInSession,
  type WithdrawalInSession,
} from './withdrawal-daemon-actors.spec-support.js';

/** Waits until the signal aborts, then fails as the drivers' acts do when cancelled. */
function never(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const cancelled = () =>
      reject(new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The act was cancelled.'));
    if (signal?.aborted) return cancelled();
    signal?.addEventListener('abort', cancelled, { once: true });
  });
}

/**
 * The emulator behind a driver that never answers `silent`: the notes are counted into the
 * presenter (a dispense) or shown at the slot (a presentation), and then no answer comes.
 */
async function silentDispenser(silent: 'dispense' | 'present') {
  const { emulator, ask, asked } = await gatedEmulator();
  const dispenser = {
    status: () => emulator.status(),
    cassettes: () => emulator.cassettes(),
    presenter: () => emulator.presenter(),
    dispense: async (amountFen: number, signal?: AbortSignal) => {
      const counted = await emulator.dispense(amountFen);
      if (silent !== 'dispense') return counted;
      ask();
      return never(signal);
    },
    present: async (signal?: AbortSignal) => {
      await emulator.present();
      if (silent !== 'present') return;
      ask();
      await never(signal);
    },
    retract: (signal?: AbortSignal) => emulator.retract(signal),
  } as unknown as CashDispenserPort;
  return { emulator, dispenser, silenceReached: asked };
}

/** The notes the silent act left are in the retract bin, counted in the journal; the hold reversed. */
async function notesAccountedFor(
  w: WithdrawalInSession,
  emulator: Awaited<ReturnType<typeof silentDispenser>>['emulator'],
): Promise<void> {
  const done = await waitFor(w.actor, (s) => s.status === 'done');
  expect(done.output).toMatchObject({
    outcome: 'failed',
    error: { code: 'DEVICE_TIMEOUT' },
    paidFen: 0,
    reversed: true,
    needsReconciliation: false,
  });
  expect(w.reversals).toEqual([
    { sessionId: 's-1', transactionId: 'auth-1', amountFen: AMOUNT, reason: 'DEVICE_TIMEOUT' },
  ]);
  expect(await w.steps()).toEqual(
    expect.arrayContaining(['cash.retract:intent', 'cash.retract:done', 'cash.retracted:event']),
  );
  expect(await w.detail('cash.retracted', 'event')).toMatchObject({ retractedFen: AMOUNT, notes: 3 });
  expect(emulator.presenter()).toMatchObject({ state: 'empty', amountFen: 0 });
  expect(emulator.status().supplies.find((x) => x.name === 'retractBin')?.count).toBe(3);
}

describe('withdrawal (daemon actors): a dispenser that never answers', () => {
  it('dispense never answered: past the backstop the counted notes are retracted and journaled, the hold reversed', async () => {
    const { emulator, dispenser, silenceReached } = await silentDispenser('dispense');
    const w = await withdrawalInSession(dispenser);
    w.actor.start();
    await waitFor(w.actor, (s) => s.matches('chooseAmount'));
    w.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
    await silenceReached;
    w.clock.increment(cashActBackstopMs(BOUNDS) - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(w.actor.getSnapshot().value).toBe('dispensing');
    w.clock.increment(1);

    await notesAccountedFor(w, emulator);
    // the dispense given up is journaled as failed (its signal aborted), never as done
    expect(await w.steps()).toEqual(expect.arrayContaining(['cash.dispense:intent', 'cash.dispense:failed']));
    expect(await w.steps()).not.toContain('cash.dispense:done');
    expect(await w.steps()).not.toContain('cash.present:intent');
  });

  it('presentation never answered: past the backstop the notes are retracted and journaled, the hold reversed', async () => {
    const { emulator, dispenser, silenceReached } = await silentDispenser('present');
    const w = await withdrawalInSession(dispenser);
    w.actor.start();
    await waitFor(w.actor, (s) => s.matches('chooseAmount'));
    w.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
    await silenceReached;
    w.clock.increment(cashActBackstopMs(BOUNDS));

    await notesAccountedFor(w, emulator);
    expect(await w.steps()).toEqual(expect.arrayContaining(['cash.present:intent', 'cash.present:failed']));
  });
});

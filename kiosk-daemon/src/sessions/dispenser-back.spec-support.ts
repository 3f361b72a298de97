/**
 * The world of the specs of a late settlement once the dispenser answers again that the journal
 * cuts short (a refused close, a refused act's done): a withdrawal's notes at the slot, boot
 * recovery leaving it undecided for the dispenser's silence, and the real watch trying again.
 */
import { expect } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { withdrawalWorld } from '../journeys/withdrawal-settlement.spec-support.js';
import { DispenserBackWatch } from './dispenser-back-watch.js';
import { dispenserOnlyDevices } from './recovery-devices.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

/** The notes at the slot, the kiosk stopped; its boot finds the dispenser silent: left undecided for it. */
export async function leftForTheDispenser() {
  const w = await withdrawalWorld();
  await w.presented();
  w.dispenser.setFault('offline');
  const recovery = new SessionRecoveryService(dispenserOnlyDevices(w.dispenser), w.journal, w.host);
  await expect(recovery.recoverUnfinished()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
  recovery.onApplicationShutdown();
  expect(recovery.waitsForTheDispenser).toBe(true);
  w.dispenser.setFault(null);
  const isOpen = async () => (await w.journal.openTransactions()).some((t) => t.id === w.tx);
  const count = async (name: string) => (await w.steps()).filter((s) => s === name).length;
  return { w, recovery, isOpen, count };
}

/**
 * The real watch over `recovery`'s late settlement (20 ms first wait): `triedAgain` resolves at its
 * first warning (a try again said), `placed` once nothing the failed self test left is undecided.
 */
export function watchTryingAgain(
  w: Awaited<ReturnType<typeof withdrawalWorld>>,
  recovery: SessionRecoveryService,
) {
  let triedAgain!: () => void;
  const toldTriedAgain = new Promise<void>((resolve) => (triedAgain = resolve));
  let placed!: () => void;
  const allSettled = new Promise<void>((resolve) => (placed = resolve));
  const warned: string[] = [];
  const watch = new DispenserBackWatch({
    dispenser: w.dispenser,
    maySettle: () => true,
    waiting: () => recovery.waitsForTheDispenser,
    settle: () => recovery.settleWhenTheDispenserIsBack(),
    allSettled: () => placed(),
    timings: { intervalMs: 20, maxIntervalMs: 40 },
    log: {
      warn: (m) => {
        warned.push(m);
        triedAgain();
      },
      error: () => undefined,
    },
  });
  return { watch, warned, triedAgain: toldTriedAgain, placed: allSettled };
}

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
 * The real watch over `recovery`'s late settlement (20 ms first wait), the journal refusing by the
 * trigger `refuse`: its first word is `warning` (a try again) with the withdrawal still open; the
 * trigger dropped, the kiosk is placed once nothing is undecided, the withdrawal closed.
 */
export async function watchTriesAgainUntilClosed(
  w: Awaited<ReturnType<typeof withdrawalWorld>>,
  recovery: SessionRecoveryService,
  warning: string,
): Promise<void> {
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
  const isOpen = async () => (await w.journal.openTransactions()).some((t) => t.id === w.tx);
  watch.start();
  try {
    await toldTriedAgain;
    expect(warned).toEqual([warning]);
    expect(await isOpen()).toBe(true);
    await w.db.query('DROP TRIGGER refuse');
    await allSettled;
  } finally {
    watch.stop();
  }
  expect(await isOpen()).toBe(false);
}

/**
 * Left for the dispenser, its late settlement cut short by the journal's trigger `refuse` (`sql`
 * makes it), then a restart: boot recovery settles it from the host by key, one reversal.
 */
export async function restartAfterTheRefusal(sql: string): Promise<void> {
  const { w, recovery, isOpen } = await leftForTheDispenser();
  await w.db.query(sql);
  await recovery.settleWhenTheDispenserIsBack();
  await w.db.query('DROP TRIGGER refuse');
  await expect(w.boot()).resolves.toMatchObject({ recovered: 1 });
  expect(await isOpen()).toBe(false);
  expect(w.ledger('withdrawalReversal')).toBe(1);
  expect(w.balance()).toBe(w.before);
}

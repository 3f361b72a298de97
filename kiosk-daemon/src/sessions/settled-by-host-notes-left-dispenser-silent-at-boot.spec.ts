/**
 * Fault: a withdrawal's notes left at the slot (its retract unanswered, its session ended), the
 * host then ending its hold by itself (expired, released at the back office), and the kiosk booting
 * with the dispenser silent. Boot recovery journals the host's word (`settledByHost`) but cannot
 * read the presenter, so the notes stay; when the dispenser answered again nothing looked at them
 * (only the next recovery did: a boot, a staff visit's self test), CASH_LEFT_IN_PRESENTER holding
 * withdrawals back meanwhile with nothing on the supervisor's list to clear them by. Now they wait
 * for the dispenser, and its comeback retracts them into the bin under that withdrawal's serial as
 * the boot would: the journal read first, the retract's intent journaled before it runs, counted.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator, boot
 * recovery and the real comeback watch over its late settlement.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { releaseHoldAtBackOffice } from '@kiosk/host-simulator';
import { dispenserCounts } from '../journeys/withdrawal-retract.js';
import {
  expectRetractedAfterHostsWord,
  withdrawalWorld,
} from '../journeys/withdrawal-settlement.spec-support.js';
import { DispenserBackWatch } from './dispenser-back-watch.js';

/** The notes left at the slot, the hold released at the back office, a boot with the dispenser silent. */
async function bootWithTheDispenserSilent() {
  const w = await withdrawalWorld();
  await w.leftInPresenter();
  releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
  const binBefore = dispenserCounts(w.dispenser).retractBinBefore ?? 0;
  w.dispenser.setFault('offline');
  const recovery = w.recoveryThrough(w.host, w.newRetrier());
  await recovery.recoverUnfinished();
  expect(await w.steps()).toContain('recovery.withdrawal.settledByHost:event');
  expect(w.dispenser.presenter()).toMatchObject({ state: 'presented', notes: 3 });
  return { w, recovery, binBefore };
}

/**
 * The dispenser comes back under the comeback watch over `recovery`'s late settlement (quick tries
 * again) until the presenter is empty; what the watch logged.
 */
async function comesBack(
  w: Awaited<ReturnType<typeof withdrawalWorld>>,
  recovery: ReturnType<typeof w.recoveryThrough>,
) {
  const errors: string[] = [];
  const warnings: string[] = [];
  const watch = new DispenserBackWatch({
    dispenser: w.dispenser,
    maySettle: () => true,
    waiting: () => recovery.waitsForTheDispenser,
    settle: () => recovery.settleWhenTheDispenserIsBack(),
    allSettled: () => undefined,
    timings: { intervalMs: 20, maxIntervalMs: 40 },
    log: { warn: (m) => warnings.push(m), error: (m) => errors.push(m) },
  });
  watch.start();
  try {
    w.dispenser.setFault(null);
    await eventually(async () => w.dispenser.presenter().state, 'the notes retracted', {
      withinMs: 10_000,
      until: (state) => state === 'empty',
    });
    await watch.idle();
  } finally {
    watch.stop();
    recovery.onApplicationShutdown();
  }
  return { errors, warnings };
}

describe('fault: notes a withdrawal ended by the host left at the slot, the dispenser silent at boot', () => {
  it('settled-by-host-notes-left-dispenser-silent-at-boot: the dispenser coming back takes them into the retract bin, counted, journal first', async () => {
    const { w, recovery, binBefore } = await bootWithTheDispenserSilent();
    expect(recovery.waitsForTheDispenser).toBe(true);
    const { errors } = await comesBack(w, recovery);
    expect(errors).toEqual([]);
    expect(recovery.waitsForTheDispenser).toBe(false);
    await expectRetractedAfterHostsWord(w, binBefore);
  });

  it('settled-by-host-notes-left-dispenser-silent-at-boot, silent again at the retract: tried again once it answers, retracted once', async () => {
    const { w, recovery, binBefore } = await bootWithTheDispenserSilent();
    // it answers its status, then its first retract goes unanswered
    const retract = w.dispenser.retract.bind(w.dispenser);
    let unanswered = 1;
    w.dispenser.retract = async (signal?: AbortSignal) => {
      if (unanswered-- > 0) throw new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The dispenser did not answer.');
      return retract(signal);
    };
    const { errors, warnings } = await comesBack(w, recovery);
    expect(errors).toEqual([]);
    // the watch's try again after its backoff's wait, not at once
    expect(warnings).toEqual([
      expect.stringContaining('late settlement (DEVICE_TIMEOUT): tried again in 20 ms'),
    ]);
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(dispenserCounts(w.dispenser).retractBinBefore).toBe(binBefore + 3);
    expect((await w.steps()).filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
  });
});

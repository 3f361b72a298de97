/**
 * Fault: field staff counted the resident paid more than the host still holds for the withdrawal
 * (a `taken` verdict of more than the hold, or "paid" after a retract that came back short: the
 * notes presented less those in the bin), the host having given part of it back by itself (a back
 * office's correction, an earlier give-back the kiosk did not make). The host confirms only what it
 * holds, so nothing is paid twice; but the difference (cash the resident took that nobody charged)
 * was told to nobody: the supervisor heard "confirmed", the journal kept the verdict and a plain
 * confirm, and the cash count came out short with no word why. Now the confirm's intent carries
 * what staff counted, what the host held and the difference (`countedFen`, `heldFen`,
 * `aboveHoldFen`), journaled before the host is told, and the supervisor's answer names the
 * difference (`aboveHoldFen`); at boot a verdict carried through journals it the same way.
 *
 * The real journal (SQLite in memory), the embedded host simulator over HTTP, the dispenser
 * emulator and boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  confirmIntents,
  hostGivesBack,
  leftOpen,
  retractShortClosed,
  settle,
  verdictUnansweredThenGivenBack,
} from './counted-paid-above-hold.spec-support.js';

describe('fault: staff counted paid more than the host still holds', () => {
  it('counted-paid-above-hold (taken): 200 yuan counted taken of a hold of 100: 100 confirmed once, the 100 above it journaled and told', async () => {
    const w = await leftOpen();
    await hostGivesBack(w, 20_000);
    await expect(settle(w, { takenFen: 20_000 })).resolves.toEqual({
      hostStatus: 'confirmed',
      aboveHoldFen: 10_000,
    });
    expect(await confirmIntents(w)).toEqual([{ countedFen: 20_000, heldFen: 10_000, aboveHoldFen: 10_000 }]);
    // the host paid what it held, once; nothing given back by the kiosk
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, paidFen: 10_000 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.balance()).toBe(w.before - 10_000);
    // sent again: refused, nothing moves
    await expect(settle(w, { takenFen: 20_000 })).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    });
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('counted-paid-above-hold (paid after a short retract): 100 yuan back in the bin, 200 paid, of a hold of 100: the difference journaled and told', async () => {
    const w = await retractShortClosed();
    await hostGivesBack(w, 20_000);
    await expect(settle(w, 'paid')).resolves.toEqual({ hostStatus: 'confirmed', aboveHoldFen: 10_000 });
    expect(await confirmIntents(w)).toEqual([{ countedFen: 20_000, heldFen: 10_000, aboveHoldFen: 10_000 }]);
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, paidFen: 10_000 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('counted-paid-above-hold at boot: a verdict the host did not answer, carried through, journals the difference', async () => {
    const w = await leftOpen();
    await verdictUnansweredThenGivenBack(w, { takenFen: 20_000 });
    await expect(w.boot()).resolves.toBeDefined();
    expect(await confirmIntents(w)).toEqual([{ countedFen: 20_000, heldFen: 10_000, aboveHoldFen: 10_000 }]);
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, paidFen: 10_000 });
  });

  it('counted-paid-above-hold at boot, closed (the sweep of held withdrawals carries the verdict through)', async () => {
    const w = await retractShortClosed();
    await verdictUnansweredThenGivenBack(w, 'paid');
    await expect(w.boot()).resolves.toBeDefined();
    expect(await confirmIntents(w)).toEqual([{ countedFen: 20_000, heldFen: 10_000, aboveHoldFen: 10_000 }]);
  });

  it('a verdict within the hold journals a plain confirm (nothing above it)', async () => {
    const w = await leftOpen();
    await expect(settle(w, { takenFen: 10_000 })).resolves.toEqual({ hostStatus: 'confirmed' });
    expect(await confirmIntents(w)).toEqual([{}]);
  });
});

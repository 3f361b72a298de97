/**
 * The fault: a withdrawal's retract failed and left its notes in the presenter (`cash.leftInPresenter`,
 * for staff or the late settlement) while the dispenser still answered (a retract refused as busy):
 * the kiosk kept offering withdrawals, and a resident who chose one was refused at its start. With
 * the cash dispenser emulator and the kiosk's root machine: notes in the presenter with no session
 * running take withdrawals off (CASH_LEFT_IN_PRESENTER, the kiosk degraded, the other journeys
 * offered), the presenter empty again (retracted, or taken) offers them again; a session's own notes
 * on their way to the resident change nothing.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { JOURNEYS } from '@kiosk/domain';
import { NotesLeftOwedSteps } from '../journeys/notes-left-owed.js';
import { watchCashLeftInPresenter } from './cash-left-in-presenter.js';
import { healthyBut, watchedKiosk } from './kiosk-in-service.spec-support.js';

let dispenser: CashDispenserEmulator | undefined;
afterEach(async () => {
  await dispenser?.close();
  dispenser = undefined;
});

/** the kiosk in service, every other device healthy, and the watch of notes left in the presenter */
const kioskAround = (cash: CashDispenserEmulator) =>
  watchedKiosk(
    () => healthyBut(cash.status()),
    // no notes-left step owed: the presenter alone holds withdrawals back
    (kiosk, sessionRuns) =>
      watchCashLeftInPresenter(cash, kiosk, sessionRuns, new NotesLeftOwedSteps({ stepsOf: async () => [] })),
  );

async function openDispenser(): Promise<CashDispenserEmulator> {
  dispenser = new CashDispenserEmulator();
  await dispenser.open();
  return dispenser;
}

describe('fault: withdrawal offered while notes sit in the presenter', () => {
  it('notes left with no session running: withdrawals held back with CASH_LEFT_IN_PRESENTER, offered again once retracted', async () => {
    const cash = await openDispenser();
    const k = await kioskAround(cash);
    await cash.dispense(30_000); // the notes a failed retract left behind the shutter
    expect(cash.status().device).toBe('online'); // the dispenser answers: not CASH_DISPENSER_DOWN
    k.watch.check();
    const held = k.kiosk.getSnapshot();
    expect(held.value).toBe('degraded');
    expect(held.context.reason).toBe('CASH_LEFT_IN_PRESENTER');
    expect(k.offered()).toEqual(JOURNEYS.filter((j) => j !== 'withdraw'));

    k.watch.check(); // read again, nothing changed: nothing told
    expect(k.kiosk.getSnapshot().context.reasons).toEqual(['CASH_LEFT_IN_PRESENTER']);

    await cash.retract();
    k.watch.check();
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
  });

  it('a running session’s own notes in the presenter: withdrawals stay offered', async () => {
    const cash = await openDispenser();
    const k = await kioskAround(cash);
    k.setSessionRuns(true);
    await cash.dispense(30_000);
    k.watch.check();
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toContain('withdraw');
  });
});

/**
 * The notes-not-taken specs' steps on the dispenser-back world (`dispenser-back-world.ts`): li's
 * 200 yuan presented at the slot and left there past a short take timeout, the dispenser made
 * busy or silent at that moment (`AtSlot`), the retract that follows failing; then the session
 * ended as a resident ends it (card and ID card taken) and the settlement's outcome read.
 */
import { expect } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { AMOUNT_FEN, DispenserBackWorld, QUICK_DISPENSER } from './dispenser-back-world.js';
import type { PresentFault } from './emulator-thread.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import type { UiClient } from './ui-client.js';

export { AMOUNT_FEN };

/**
 * The reopen quick, the dispenser's answer times those of the in-service settlement specs
 * (`QUICK_DISPENSER`: a dispense's and a retract refused busy 2 s, a short command's the driver's
 * 2 s), the notes waited for 2 s: each case waits the take timeout and the failing retract out once.
 */
export const NOT_TAKEN_QUICK: readonly string[] = [
  ...QUICK_DISPENSER,
  ...['--set', 'timeouts.cashTakeMs=2000'],
];

export interface LeftAtSlot {
  readonly ui: UiClient;
  readonly tx: string;
  /** the retract's failure as `cash.leftInPresenter` journaled it */
  readonly code: string | undefined;
}

/**
 * What befalls the dispenser with the notes at the slot. `silent` or `busy`: armed on the
 * emulator's thread before the withdrawal and applied there right after it answers the PRESENT,
 * so it lands within the take timeout however long the spec's Jest worker is held (a spec setting
 * it once it saw the kiosk ask to take the notes missed the 2 s when the worker paused past them,
 * and the retract was answered). A function: run by the spec once the kiosk asks to take the notes,
 * for steps of its own in a take time long enough for them (the link dropped and back).
 */
export type AtSlot = PresentFault | ((ui: UiClient) => void | Promise<void>);

/**
 * li's withdrawal presented; `atSlot` befalls the dispenser with the notes at the slot; the retract
 * that follows fails and its notes are journaled left; the resident walks away with card and ID
 * card. Answers once the transaction is closed. `args`: the daemon's (the take timeout 2 s unless
 * they say otherwise).
 */
export async function notesLeftAtSlot(
  w: DispenserBackWorld,
  atSlot: AtSlot,
  args: readonly string[] = NOT_TAKEN_QUICK,
): Promise<LeftAtSlot> {
  const { ui } = await w.boot(args);
  await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
  if (typeof atSlot === 'string') await w.emulator.afterPresent(atSlot);
  await w.withdrawAmount(ui);
  await ui.waitForSession((v) => v?.step === 'takeCash', 30_000);
  const tx = await w.lastWithdrawal();
  if (typeof atSlot === 'function') await atSlot(ui);
  await eventually(() => w.stepNames(tx), 'cash.retract:failed journaled', {
    withinMs: 30_000,
    everyMs: 200,
    until: (steps) => steps.includes('cash.retract:failed'),
  });
  await eventually(() => w.stepNames(tx), 'cash.leftInPresenter:event journaled', {
    withinMs: 10_000,
    everyMs: 200,
    until: (steps) => steps.includes('cash.leftInPresenter:event'),
  });
  await residentWalksAway(w, ui, tx);
  const left = (await w.steps(tx)).find((s) => s.step === 'cash.leftInPresenter');
  const { code } = JSON.parse(left?.detail ?? '{}') as { code?: string };
  return { ui, tx, code };
}

/** The resident takes card and ID card and goes: answers once `tx` is closed in the journal. */
export async function residentWalksAway(w: DispenserBackWorld, ui: UiClient, tx: string): Promise<void> {
  await ui.waitForSession((v) => v?.step === 'takeCard' || v?.step === 'ended' || v === null, 30_000);
  if (ui.session?.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
  await ui.emit('demo.idCard', { action: 'remove' });
  await eventually(async () => (await w.transaction(tx))?.status, 'the transaction closed in the journal', {
    withinMs: 15_000,
    everyMs: 200,
    until: (status) => status === 'closed',
  });
}

/** How many times each of the settlement's acts is journaled for `tx`. */
export async function settlementActs(w: DispenserBackWorld, tx: string): Promise<Record<string, number>> {
  const steps = await w.stepNames(tx);
  const count = (name: string) => steps.filter((s) => s === name).length;
  return {
    retracted: count('recovery.cash.retract:done'),
    reversed: count('recovery.withdrawal.reverse:done'),
    confirmed: count('recovery.withdrawal.confirm:done'),
    forStaff: count('recovery.needsStaff:event'),
  };
}

/**
 * The supervisor's list shows `tx` with the notes gone unseen as journaled (`left`: the amount
 * presented, lost at, back at) beside the retract bin, unchanged since before the withdrawal.
 */
export async function expectListedGoneUnseen(
  ui: UiClient,
  tx: string,
  left: Record<string, unknown>,
  retractBinBefore: number,
): Promise<void> {
  const login = await staffLogIn(ui.url, ui, DEMO_SUPERVISOR);
  expect(login.status).toBe(200);
  const view = await maintenanceCall(ui.url, 'GET', '/maintenance/view', {
    token: login.body.token as string,
  });
  expect(view.body.pendingSettlements).toMatchObject([
    {
      transactionId: tx,
      amountFen: AMOUNT_FEN,
      notesGoneUnseen: { presentedFen: AMOUNT_FEN, lostAt: left['lostAt'], backAt: left['backAt'] },
      counters: { retractBinBefore, retractBinDevice: retractBinBefore },
    },
  ]);
}

/**
 * The worlds of the specs of a withdrawal staff counted paid above the host's hold
 * (`counted-paid-above-hold`, and its fleet alert): a withdrawal left for staff (open, or its
 * retract short and its session ended), the host giving part of the hold back by itself, staff's
 * verdict, and the confirm intents journaled.
 */
import { expect } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { stepDetail } from '../journal/step-detail.js';
import { retractNotTaken } from './withdrawal-retract.js';
import { AMOUNT, takeAsRetractRuns, withdrawalWorld } from './withdrawal-settlement.spec-support.js';
import { settleWithdrawalByStaff, type WithdrawalVerdict } from './withdrawal-staff-settlement.js';

export type World = Awaited<ReturnType<typeof withdrawalWorld>>;

/** The host gives `amountFen` of the hold back by itself, under a key of its own (not the kiosk's). */
export async function hostGivesBack(w: World, amountFen: number): Promise<void> {
  const held = (await w.host.withdrawalByKey(w.tx))!;
  await w.host.reverseWithdrawal(
    held.authorisationId,
    w.tx,
    { amountFen, reason: 'dispenseFault' },
    undefined,
    'back-office',
  );
  expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: AMOUNT - amountFen });
}

/** The three notes presented, a retract cut short by a restart: boot leaves it for staff, open. */
export async function leftOpen(): Promise<World> {
  const w = await withdrawalWorld();
  await w.presented();
  await w.retractCutShort();
  await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
  return w;
}

/** The journey's retract took back one note of three (the resident took two as it ran): left for staff, its session ended. */
export async function retractShortClosed(): Promise<World> {
  const w = await withdrawalWorld();
  await w.presented();
  takeAsRetractRuns(w.dispenser, 2);
  await expect(
    retractNotTaken({ dispenser: w.dispenser }, w.tools, undefined, { atSlotFen: AMOUNT, atSlotNotes: 3 }),
  ).rejects.toMatchObject({ code: ErrorCode.CASH_PARTLY_TAKEN });
  await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
  return w;
}

export const staffOf = (w: World) => ({ journal: w.journal, host: w.host, dispenser: w.dispenser });
export const settle = (w: World, verdict: WithdrawalVerdict) =>
  settleWithdrawalByStaff(staffOf(w), w.tx, verdict, 'FS-0002');
export const confirmIntents = async (w: World) =>
  (await w.journal.stepsOf(w.tx))
    .filter((s) => s.step === 'recovery.withdrawal.confirm' && s.phase === 'intent')
    .map(stepDetail);

/** Staff's verdict the host did not answer (the link down), then the host gives 200 yuan of the hold back by itself. */
export async function verdictUnansweredThenGivenBack(w: World, verdict: WithdrawalVerdict): Promise<void> {
  w.link.down = true;
  await expect(
    settleWithdrawalByStaff({ ...staffOf(w), host: w.deps.host }, w.tx, verdict, 'FS-0002'),
  ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
  w.link.down = false;
  await hostGivesBack(w, 20_000);
}

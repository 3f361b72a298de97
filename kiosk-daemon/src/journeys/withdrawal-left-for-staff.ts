/**
 * What makes a withdrawal left for field staff, as the journal reads it: the kind staff settle
 * (`WITHDRAWAL`, `staff-settlement-rules.ts`), what ends it being left (`WITHDRAWAL_LEFT_ENDS`), a
 * closed one still left (`closedWithdrawalLeftForStaff`) and the verdict staff journaled on it.
 * Read by the supervisor's list, the fleet's count, recovery and the settlement itself
 * (`withdrawal-staff-settlement.ts`).
 */
import { z } from 'zod';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';
import type { StepMarkEnds } from '../journal/transactions-with-step.js';
import {
  journaledVerdictOf,
  STAFF_VERDICT_STEP,
  type StaffSettlementKind,
} from './staff-settlement-rules.js';
import { WITHDRAWAL_LEFT_STEPS } from './withdrawal-retract.js';
import { SETTLED_BY_HOST_STEP } from './withdrawal-settled-by-host.js';
import {
  STAFF_VERDICTS,
  TAKEN_FEN,
  type StaffVerdict,
  type WithdrawalVerdict,
} from './withdrawal-verdict.js';

/**
 * A withdrawal as staff settle it (`staff-settlement-rules.ts`). A verdict that does not read is
 * left for staff (`leftForStaff`): money may have moved on it, so recovery never decides it then.
 */
export const WITHDRAWAL: StaffSettlementKind<StaffVerdict, 'leftForStaff'> = {
  journeys: new Set(['withdraw']),
  verdictField: 'verdict',
  verdicts: z.enum(STAFF_VERDICTS),
  unreadable: 'leftForStaff',
  what: 'withdrawal',
  toldTo: 'host',
  notFound: 'No open withdrawal left for field staff has this transaction number.',
  leftClosed: (steps) => closedWithdrawalLeftForStaff(steps),
};

/**
 * What ends a withdrawal left for staff (`closedWithdrawalLeftForStaff`), as the journal can be
 * asked it (`transactionsWithStepUnended`): a step that ended its hold at the host (the journey's,
 * recovery's, staff's), done after the last step that left it; a verdict staff journaled; or the
 * host's word that it ended the hold itself (`withdrawal-settled-by-host.ts`).
 */
export const WITHDRAWAL_LEFT_ENDS: StepMarkEnds = {
  after: [
    'withdrawal.reverse',
    'withdrawal.confirm',
    'recovery.withdrawal.reverse',
    'recovery.withdrawal.confirm',
  ],
  phase: 'done',
  anywhere: [STAFF_VERDICT_STEP, SETTLED_BY_HOST_STEP],
};

/**
 * A withdrawal whose session ended (its transaction closed) still left for staff: the last word on
 * it is that staff must look (the sweep of held withdrawals' `recovery.needsStaff`, or the journey's
 * notes left in the presenter by a failed retract, `cash.leftInPresenter`, or its retract short of
 * the notes presented, `cash.retractShort`), no verdict was given
 * and nothing settled its hold at the host since. Listed for the supervisor while the host still
 * holds it. Once a verdict is journaled it stands: a host that did not answer it leaves it to the
 * next recovery's sweep (the visit's self test, a boot), which carries it through as given.
 */
export function closedWithdrawalLeftForStaff(steps: readonly JournaledStep[]): boolean {
  if (withdrawalVerdictOf(steps) !== undefined) return false;
  if (steps.some((s) => s.step === SETTLED_BY_HOST_STEP)) return false;
  const at = steps.findLastIndex((s) => WITHDRAWAL_LEFT_STEPS.includes(s.step));
  if (at < 0) return false;
  const { after, phase } = WITHDRAWAL_LEFT_ENDS;
  return !steps.slice(at + 1).some((s) => s.phase === phase && after.includes(s.step));
}

/**
 * The verdict staff journaled in these steps: undefined when none was given, 'unreadable' when
 * one was journaled and does not read (never taken for none: recovery must not decide it then).
 */
export function withdrawalVerdictOf(
  steps: readonly JournaledStep[],
): StaffVerdict | 'unreadable' | undefined {
  const given = withdrawalVerdictGiven(steps);
  return typeof given === 'object' ? 'taken' : given;
}

/** The verdict as given, with its amount taken; a `taken` one without an amount that reads is 'unreadable'. */
export function withdrawalVerdictGiven(
  steps: readonly JournaledStep[],
): WithdrawalVerdict | 'unreadable' | undefined {
  const given = journaledVerdictOf(WITHDRAWAL, steps);
  if (given !== 'taken') return given;
  const takenFen = detailCount(
    steps.findLast((s) => s.step === STAFF_VERDICT_STEP),
    TAKEN_FEN,
  );
  return takenFen === undefined ? 'unreadable' : { takenFen };
}

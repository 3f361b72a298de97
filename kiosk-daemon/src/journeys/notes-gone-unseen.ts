/**
 * Presented notes gone while nobody watched the slot (ADR 0020): what boot recovery tells staff of
 * them, and the one case the journal proves nobody watched (every retract refused as busy).
 */
import { NOTES_GONE_UNSEEN } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { hasStep as has, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import { presentedFenOf } from './retracted-notes.js';
import type { WithdrawalDecision } from './withdrawal-recovery.js';
import { CASH_LEFT_IN_PRESENTER } from './withdrawal-retract.js';

/**
 * Notes presented at the slot and gone when the dispenser was read again, no take seen meanwhile:
 * taken, or drawn into the retract bin by the presenter on its own, which the dispenser cannot tell.
 */
export interface NotesGoneUnseenAtRecovery {
  readonly presentedFen: number | null;
  /** the journal's last step while the notes were last in sight (its time is when sight was lost) */
  readonly lostAfter: JournaledStep;
}

/** Left for staff: presented notes gone unseen, with what the kiosk knows of them. */
export function goneUnseen(
  steps: readonly JournaledStep[],
  lostAfter: JournaledStep,
  why: string,
): WithdrawalDecision {
  return {
    action: 'undecided',
    why: `${why}: taken or drawn into the retract bin, unseen`,
    notesGoneUnseen: { presentedFen: presentedFenOf(steps), lostAfter },
  };
}

/**
 * The notes were presented at the slot (the shutter opened) and every retract of them was refused
 * as busy, which moves nothing (`CashDispenserPort.retract`), no other retract begun: the step
 * before the first retract, when the driver stopped watching the slot; undefined otherwise. A
 * retract unanswered (its notes maybe drawn in, the answer lost) goes to staff as ever.
 */
export function presentedThenRefusedAsBusy(steps: readonly JournaledStep[]): JournaledStep | undefined {
  if (!has(steps, 'cash.present', 'done') || has(steps, 'recovery.cash.retract', 'intent')) return undefined;
  const left = stepDetail([...steps].reverse().find((s) => s.step === CASH_LEFT_IN_PRESENTER));
  if (left['code'] !== REFUSED_AS_BUSY) return undefined;
  const retracts = steps.filter((s) => s.step === 'cash.retract');
  const intents = retracts.filter((s) => s.phase === 'intent').length;
  const refused = retracts.filter(
    (s) => s.phase === 'failed' && stepDetail(s)['code'] === REFUSED_AS_BUSY,
  ).length;
  if (intents === 0 || refused !== intents || retracts.length !== intents * 2) return undefined;
  return steps[steps.findIndex((s) => s.step === 'cash.retract') - 1];
}

/** A retract the dispenser refused as busy: nothing moved. */
const REFUSED_AS_BUSY: string = ErrorCode.DEVICE_BUSY;

/**
 * Presented notes gone unseen, journaled for staff as the journey's refused retract journals them
 * (`notesGoneUnseen`, the amount, lost at: the journal's last step while they were in sight, back
 * at: now), so the supervisor's list shows them alike.
 */
export function goneUnseenFacts(
  decision: WithdrawalDecision & { action: 'undecided' },
): Record<string, unknown> {
  const gone = decision.notesGoneUnseen;
  if (!gone) return {};
  return {
    [NOTES_GONE_UNSEEN]: true,
    presentedFen: gone.presentedFen,
    lostAt: gone.lostAfter.at ?? null,
    backAt: new Date().toISOString(),
  };
}

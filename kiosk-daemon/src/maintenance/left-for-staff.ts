/**
 * What the supervisor's lists of card makings and withdrawals left for staff read alike from a
 * transaction's steps: whether recovery left it for staff (`recovery.needsStaff`), the journey's own
 * steps (before any boot's recovery wrote its own) and the step the kiosk stopped at.
 */
import type { JournaledStep } from '../journal/step-detail.js';
import { JOURNEY_LEFT_FOR_STAFF } from '../journeys/withdrawal-retract.js';

export interface LeftForStaff<S extends JournaledStep> {
  /** The journey's own steps, before the first `recovery.*` one. */
  readonly journey: readonly S[];
  /** `step:phase` of the journey's last own step; null when it has none. */
  readonly stoppedAt: string | null;
}

/**
 * Undefined when neither recovery left this transaction for staff nor its journey did (a
 * withdrawal's notes left in the presenter by a failed retract, `cash.leftInPresenter`, or its
 * retract short of the notes presented, `cash.retractShort`).
 */
export function leftForStaff<S extends JournaledStep>(steps: readonly S[]): LeftForStaff<S> | undefined {
  if (!steps.some((s) => s.step === 'recovery.needsStaff' || JOURNEY_LEFT_FOR_STAFF.has(s.step)))
    return undefined;
  // the last step of the journey itself, before any boot's recovery wrote its own
  const firstRecovery = steps.findIndex((s) => s.step.startsWith('recovery.'));
  const journey = firstRecovery < 0 ? steps : steps.slice(0, firstRecovery);
  const stopped = journey.at(-1);
  return { journey, stoppedAt: stopped ? `${stopped.step}:${stopped.phase}` : null };
}

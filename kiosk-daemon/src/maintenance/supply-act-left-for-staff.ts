/**
 * A supply act nobody at the kiosk can decide, left for staff (ADR 0022): what says it was left,
 * and the leaving itself, shared by boot's catch-up (`supply-act-recovery.ts`) and the act whose
 * device did not answer in time (`supply-act-timeout.ts`). Each act left has a `recovery.needsStaff`
 * of its own naming it (its step, device and supply): a visit's transaction can leave two, and an
 * act of it still running beside one left (its device slower, its bound not reached) is not left.
 */
import { ErrorCode, OneAtATime } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { detailText, type JournaledStep } from '../journal/step-detail.js';
import { recordStaffCountBefore } from './supply-act-counts.js';
import {
  SUPPLY_ACT_UNDECIDED,
  supplyActsOf,
  type SupplyActIntent,
  type SupplyActOfSteps,
} from './supply-act-steps.js';

/** Which act a `recovery.needsStaff` names: its step, device and supply. */
type ActName = Pick<SupplyActIntent, 'step' | 'device' | 'supply'>;

/** Whether a step is a `recovery.needsStaff` leaving an act for staff: the one `act` names, or any. */
const leaving = (s: JournaledStep, act?: ActName): boolean =>
  s.step === 'recovery.needsStaff' &&
  detailText(s, 'reason') === SUPPLY_ACT_UNDECIDED &&
  (act === undefined ||
    (detailText(s, 'act') === act.step &&
      detailText(s, 'device') === act.device &&
      detailText(s, 'supply') === act.supply));

/**
 * Whether the visit's steps hold a `recovery.needsStaff` for an undecided act: the one `act` names,
 * or (without it) any.
 */
export const leftForStaffIn = (steps: readonly JournaledStep[], act?: ActName): boolean =>
  steps.some((s) => leaving(s, act));

/** The `recovery.needsStaff` that left this act for staff (the last naming it), if any. */
export const leavingOf = (steps: readonly JournaledStep[], act: ActName): JournaledStep | undefined =>
  steps.findLast((s) => leaving(s, act));

/**
 * What staff are asked of an act left for them: the whole act, or where its leaving names the notes
 * in question (a test dispense whose cassette's command got no answer, the notes before it known
 * moved: `inQuestion`, then `unanswered`) those alone: how many, and the cassettes they would come
 * from.
 */
export function questionOf(
  steps: readonly JournaledStep[],
  intent: SupplyActIntent,
): { readonly quantity: number; readonly cassettes: readonly string[]; readonly unanswered: boolean } {
  const leaving = leavingOf(steps, intent);
  const named = detailText(leaving, 'inQuestion')
    ?.split(',')
    .filter((id) => id !== '');
  const cassettes = named ?? Object.keys(intent.cassettesBefore ?? {});
  return { quantity: named ? named.length : intent.quantity, cassettes, unanswered: named !== undefined };
}

/** The acts of a visit left for staff: each without its outcome and named by its own `recovery.needsStaff`. */
export const actsLeftForStaff = (steps: readonly JournaledStep[]): SupplyActOfSteps[] =>
  supplyActsOf(steps).filter((a) => !a.outcome && leftForStaffIn(steps, a.intent));

/**
 * An act whose outcome nobody at the kiosk can tell, left for staff (journal first): staff's count
 * before it where the journal keeps the count, and its own `recovery.needsStaff`, once (a later
 * boot finding it left writes none again). Boot's catch-up and the act whose device did not answer
 * in time (`supply-act-timeout.ts`) leave it alike.
 */
export async function leaveActForStaff(
  deps: { readonly journal: JournalService; readonly devices: DevicesService },
  transactionId: string,
  steps: readonly JournaledStep[],
  intent: SupplyActIntent,
  seen: { readonly deviceNow: number | null; readonly noAnswerMs?: number } & StepDetail,
): Promise<void> {
  await recordStaffCountBefore(deps.journal, deps.devices, intent);
  if (leftForStaffIn(steps, intent)) return;
  await deps.journal.recordStep(transactionId, 'recovery.needsStaff', 'event', {
    reason: SUPPLY_ACT_UNDECIDED,
    act: intent.step,
    device: intent.device,
    supply: intent.supply,
    quantity: intent.quantity,
    ...seen,
  });
}

/** per journal, the transactions whose close is being decided: one decision at a time each */
const closing = new WeakMap<JournalService, OneAtATime<string>>();

/**
 * Closes a visit's transaction that left an act for staff once its last act has ended, however that
 * act ended: staff's answer, or the device's answer or refusal of an act that was still running
 * beside the one left (its bound not reached). The visit went on apart from it, so nothing else
 * closes it before the next boot. Once: the acts' ends are decided one at a time a transaction, and
 * one already closed is left. True when this call closed it.
 */
export async function closeWithItsLastAct(journal: JournalService, transactionId: string): Promise<boolean> {
  let turns = closing.get(journal);
  if (!turns) closing.set(journal, (turns = new OneAtATime()));
  return turns.run(transactionId, async () => {
    if (!(await journal.openTransactions()).some((t) => t.id === transactionId)) return false;
    const steps = await journal.stepsOf(transactionId);
    // a transaction that left no act is the visit's own: its end closes it
    if (!leftForStaffIn(steps) || !supplyActsOf(steps).every((a) => a.outcome)) return false;
    await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
    return true;
  });
}

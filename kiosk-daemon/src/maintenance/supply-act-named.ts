/**
 * Which supply act left for staff an answer is for (ADR 0022). One staff visit's transaction can
 * hold more than one: a restart cutting off acts of two supplies running at once, or two acts of
 * one visit both past the device's bound (`timeouts.supplyActMs`). An act is named by its visit's
 * transaction and its device and supply (one supply's acts take turns and a new one waits for the
 * answer, so a visit has at most one of a supply left).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { detailText, type JournaledStep } from '../journal/step-detail.js';
import { STAFF_VERDICT_STEP } from '../journeys/staff-settlement-rules.js';
import type { StepDetail } from '../journal/journal.service.js';
import type { SupplyActOfSteps } from './supply-act-steps.js';

/** What an act's outcome names it by: its step, device and supply. */
export const outcomeOf = (i: { step: string; device: string; supply: string }): StepDetail => ({
  ofAct: `${i.step}|${i.device}|${i.supply}`,
});

/** Which act staff answer: its visit's transaction, and its device and supply (both, or neither: the only one left). */
export interface SupplyActNamed {
  readonly transactionId: string;
  readonly device?: string;
  readonly supply?: string;
}

/**
 * The act of a visit left for staff that a request names. A visit can hold more than one (two
 * supplies' acts cut off by one restart, or both past the device's bound): a request naming only
 * the transaction is taken when one act is left, and refused (MAINTENANCE_SUPPLY_ACT_AMBIGUOUS, the
 * acts left named) when more are: which one was meant cannot be told.
 */
export function namedAct(
  acts: readonly SupplyActOfSteps[],
  named: SupplyActNamed,
): SupplyActOfSteps | undefined {
  const left = acts.filter((a) => !a.outcome);
  if (named.device === undefined && named.supply === undefined) {
    if (left.length > 1)
      throw new KioskError(
        ErrorCode.MAINTENANCE_SUPPLY_ACT_AMBIGUOUS,
        'This visit has more than one supply act left for staff; name the act by its device and supply.',
        {
          transactionId: named.transactionId,
          acts: left.map((a) => `${a.intent.device}/${a.intent.supply}`).join(' '),
        },
      );
    return left[0];
  }
  return left.find((a) => a.intent.device === named.device && a.intent.supply === named.supply);
}

/**
 * The refusal of an answer to an act not left for staff in the visit: MAINTENANCE_ALREADY_SETTLED
 * when the act named (naming none: any of the visit) has staff's word, else SESSION_NOT_FOUND.
 */
export function notLeftForStaff(steps: readonly JournaledStep[], named: SupplyActNamed): KioskError {
  const { transactionId } = named;
  const given = steps.findLast(
    (s) =>
      s.step === STAFF_VERDICT_STEP &&
      (named.device === undefined || detailText(s, 'device') === named.device) &&
      (named.supply === undefined || detailText(s, 'supply') === named.supply),
  );
  if (given) {
    const verdict = detailText(given, 'verdict') ?? null;
    return new KioskError(ErrorCode.MAINTENANCE_ALREADY_SETTLED, 'This supply act was confirmed already.', {
      transactionId,
      verdict,
    });
  }
  return new KioskError(
    ErrorCode.SESSION_NOT_FOUND,
    'No supply act cut off by a restart has this transaction number.',
    { transactionId, device: named.device ?? null, supply: named.supply ?? null },
  );
}

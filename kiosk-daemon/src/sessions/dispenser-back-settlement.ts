/**
 * A withdrawal boot recovery left for staff only because the cash dispenser did not answer is
 * settled when the dispenser answers again (ADR 0020), not left until field staff come.
 *
 * At boot `decideWithdrawal` leaves a dispensed withdrawal the host still holds undecided while the
 * dispenser is silent (`DISPENSER_SILENT_WHY`): where the notes are is unknown. The daemon opens
 * the dispenser again by itself since ADR 0020, and then its presenter and counts are witnesses
 * again. Once it reads usable, with no session running and the kiosk held out of service by that
 * failed self test, each such withdrawal is settled by boot recovery's own rules
 * (`settleWithdrawalAtBoot`: the decision journaled first, each act journaled before it is done,
 * the reversal or confirmation once by the serial's idempotency key) and an open one is closed as
 * recovery closes it, so the supervisor's list no longer shows it; a close the journal refuses is
 * owed (`unclosed`): the watch tries again and the next pass closes it from the journal alone, the
 * host not asked again (`settledOnceBack`). A restart in the middle is a restart of recovery: the
 * next boot carries it through from the journal as any cut-short settlement. Also waiting for the
 * dispenser: one whose recovery retract the dispenser did not answer (it dropped again during the
 * settlement), and one the late sweep of held withdrawals (the host away at boot,
 * `sweepHeldWithdrawals` in the background) left for the dispenser's silence while the kiosk was in
 * service (`LeftUndecided.noteLate`), and one whose journey left its notes in the presenter, the
 * retract after a dispense of unknown outcome unanswered (`cash.leftInPresenter`, noted as the
 * session's journey journals it). Not: one the host did not answer, a count staff must make, or one
 * with a staff verdict journaled (`resumeWithdrawalVerdict` carries those). When and how, with the
 * kiosk: `dispenser-back-watch.ts`.
 */
import { NOTES_GONE_UNSEEN } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { stepDetail, type JournaledStep } from '../journal/step-detail.js';
import { RECOVERY_RETRACT_STEP } from '../journeys/recovery-retract-counts.js';
import { settleWithdrawalAtBoot, type BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { DISPENSER_SILENT_WHY } from '../journeys/withdrawal-recovery.js';
import { CASH_LEFT_IN_PRESENTER } from '../journeys/withdrawal-retract.js';
import { withdrawalVerdictOf } from '../journeys/withdrawal-staff-settlement.js';
import { settleEach, type SettlementFailed } from './settle-each.js';

/**
 * The codes of a dispenser that did not answer an act (its line or module gone), or refused it as
 * busy past the retract's bound (nothing moved; it reads out of reach until a STATUS is answered).
 */
const GONE_CODES = [ErrorCode.DEVICE_OFFLINE, ErrorCode.DEVICE_TIMEOUT, ErrorCode.DEVICE_BUSY];
const DISPENSER_GONE: ReadonlySet<string> = new Set<string>(GONE_CODES);

/** The step journaled when a withdrawal waiting for the dispenser is taken up again. */
export const DISPENSER_BACK_STEP = 'recovery.dispenserBack';

/**
 * The dispenser's fault for which recovery last left this withdrawal for staff, when it was for
 * the dispenser's silence alone: no answer at the decision (DEVICE_OFFLINE), or none to its retract
 * (the retract's code); undefined otherwise (a staff verdict, the host, a count staff must make).
 */
export function dispenserFaultOf(steps: readonly JournaledStep[]): string | undefined {
  if (withdrawalVerdictOf(steps) !== undefined) return undefined;
  // a settlement begun once the dispenser was back, cut short (the journal refused a step): it
  // waits as it did before it, carried through again from the journal and the host's state by key
  const back = cutShortOnceBack(steps);
  if (back !== undefined) return dispenserFaultOf(steps.slice(0, back));
  const at = steps.findLastIndex((s) => s.step === 'recovery.needsStaff');
  // the journey left its notes in the presenter, its retract unanswered, and no recovery decided since
  const left = steps.findLastIndex((s) => s.step === CASH_LEFT_IN_PRESENTER);
  if (left > at && !steps.slice(left).some((s) => s.step === 'recovery.withdrawal')) {
    const detail = stepDetail(steps[left]);
    // refused because the notes went unseen: the dispenser answers, nothing to wait for; staff
    // are told at once with the gone-unseen facts
    if (detail[NOTES_GONE_UNSEEN] === true) return undefined;
    const code = detail['code'];
    return typeof code === 'string' && DISPENSER_GONE.has(code) ? code : undefined;
  }
  if (at < 0) return undefined;
  if (stepDetail(steps[at])['reason'] === DISPENSER_SILENT_WHY) return ErrorCode.DEVICE_OFFLINE;
  const before = steps[at - 1];
  const code = stepDetail(before)['code'];
  const unanswered =
    before?.step === RECOVERY_RETRACT_STEP &&
    before.phase === 'failed' &&
    typeof code === 'string' &&
    DISPENSER_GONE.has(code);
  return unanswered ? code : undefined;
}

/**
 * True when the last time recovery left this withdrawal for staff, it was for the dispenser's
 * silence alone: no answer at the decision, or none to its retract.
 */
export function waitsForTheDispenser(steps: readonly JournaledStep[]): boolean {
  return dispenserFaultOf(steps) !== undefined;
}

/**
 * True when the last time the dispenser was back this withdrawal was settled, journaled whole: a
 * decision other than undecided, every act it journaled done, none left for staff since. Only its
 * close can be missing (the journal refused it): closed then, the host not asked again.
 */
export function settledOnceBack(steps: readonly JournaledStep[]): boolean {
  const since = steps.slice(steps.findLastIndex((s) => s.step === DISPENSER_BACK_STEP) + 1);
  if (since.length === steps.length) return false;
  const decided = since.some(
    (s) =>
      s.step === 'recovery.withdrawal' &&
      !['undecided', undefined].includes(stepDetail(s)['action'] as string),
  );
  const done = (i: number) => since.slice(i).some((s) => s.step === since[i]!.step && s.phase === 'done');
  return (
    decided &&
    !since.some((s) => s.step === 'recovery.needsStaff') &&
    since.every((s, i) => s.phase !== 'intent' || done(i))
  );
}

/**
 * The index of the last dispenser-back step when the settlement begun there was cut short: neither
 * settled whole (`settledOnceBack`) nor left for staff since (`recovery.needsStaff`). The journal
 * refused one of its steps (an act's `done`, its decision, ...) and the pass threw: its decision, if
 * any, is no settlement; undefined otherwise.
 */
function cutShortOnceBack(steps: readonly JournaledStep[]): number | undefined {
  const at = steps.findLastIndex((s) => s.step === DISPENSER_BACK_STEP);
  if (at < 0 || settledOnceBack(steps)) return undefined;
  return steps.slice(at).some((s) => s.step === 'recovery.needsStaff') ? undefined : at;
}

export interface LateSettlement {
  /** settled at the host (or nothing held any more), an open one closed */
  readonly settled: readonly string[];
  /** undecided again (journaled `recovery.needsStaff` with the reason), still waiting for the dispenser */
  readonly stillWaiting: readonly string[];
  /** the dispenser's fault that left the first of those waiting (DEVICE_TIMEOUT, DEVICE_OFFLINE) */
  readonly fault?: string;
  /** settled at the host, the journal's close refused: still open and waiting, closed at the next pass */
  readonly unclosed?: readonly string[];
  /**
   * its settlement threw (the journal refusing a step, ...): still waiting where the journal says,
   * for the next reason to look; the others of the pass settled all the same
   */
  readonly failed?: readonly SettlementFailed[];
}

/** A late settlement's turn as the watch sees it (`dispenser-back-watch.ts`). */
export interface LateTurn {
  /** how much of what the failed self test's recovery left undecided still is */
  readonly leftForStaff: number;
  /** how many still wait for the dispenser: it did not answer this settlement (tried again) */
  readonly stillWaiting: number;
  readonly fault?: string;
  /** how many were settled at the host but not closed (the journal refused it): tried again */
  readonly unclosed?: number;
  /** those whose settlement threw, with their codes (tried again at the next reason to look) */
  readonly failed?: readonly SettlementFailed[];
}

/**
 * Settles each of `serials` that waits for the dispenser, by boot recovery's rules; the caller
 * holds their settlement hands. A serial no longer waiting (a staff verdict since) is left alone.
 */
export async function settleWhenTheDispenserIsBack(
  deps: BootSettlementDeps,
  serials: readonly string[],
): Promise<LateSettlement> {
  const { journal } = deps;
  const open = new Set((await journal.openTransactions()).map((t) => t.id));
  const settled: string[] = [];
  const stillWaiting: string[] = [];
  const unclosed: string[] = [];
  let fault: string | undefined;
  /** settled: an open one closed as recovery closes it; a close the journal refuses is owed still */
  const close = async (serial: string) => {
    if (open.has(serial))
      try {
        await journal.closeTransaction(serial, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
      } catch (e) {
        deps.log.error(`recovery: ${serial} settled, its close refused: ${KioskError.from(e).code}`);
        unclosed.push(serial);
        return;
      }
    deps.log.warn(`recovery: ${serial} settled once the dispenser answered again`);
    settled.push(serial);
  };
  // one host that did not answer is not asked again for the next serial in this turn
  const boot = { away: false };
  // one withdrawal's fault is that one's: the pass goes on, what it settled is answered
  const failed = await settleEach(serials, async (serial) => {
    const steps = await journal.stepsOf(serial);
    // settled by an earlier pass whose close the journal refused: only the close is owed
    if (open.has(serial) && settledOnceBack(steps)) return close(serial);
    if (!waitsForTheDispenser(steps)) return;
    await journal.recordStep(serial, DISPENSER_BACK_STEP, 'event', {
      presenter: deps.devices.cashDispenser.presenter().state,
    });
    const result = await settleWithdrawalAtBoot(deps, serial, boot, steps);
    if (result === undefined) {
      // the dispenser dropped again (its retract unanswered): waits for it again; else for staff
      const code = dispenserFaultOf(await journal.stepsOf(serial));
      if (code !== undefined) stillWaiting.push(serial);
      fault ??= code;
      return;
    }
    await close(serial);
  });
  return { settled, stillWaiting, failed, unclosed, ...(fault ? { fault } : {}) };
}

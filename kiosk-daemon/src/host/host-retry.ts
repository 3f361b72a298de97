/**
 * A journaled act on the host as the background tries take it (`HostRetry`), and how the host's
 * answer to one reads: not answered (down, timed out, 5xx: tried again), or an answer that stands.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { StepDetail } from '../journal/journal.service.js';
import { detailText, stepDetail, type JournaledStep } from '../journal/step-detail.js';

/**
 * An act on the host journaled under `step` (its intent already in the journal): `send` sends it
 * again, the same act under the same idempotency key, and returns the detail of its done.
 */
export interface HostRetry {
  readonly step: string;
  readonly send: () => Promise<StepDetail>;
  /** the intent to journal before the first background try, where the journey had not journaled it */
  readonly intent?: StepDetail;
  /** an act of no transaction of its own (the boot sweep of held withdrawals): nothing journaled */
  readonly unjournaled?: boolean;
  /**
   * The transaction its steps are journaled in, where its key is not one: a PIN reset's report
   * goes under its card's key (`pin-reports-key.ts`), after the card's PIN outcomes still owed.
   */
  readonly journalAs?: string;
  /**
   * What the act makes of the money the host holds under its key (a withdrawal's confirm
   * `paid`, its reversal and release `givenBack`): two acts of one key that settle it otherwise
   * conflict, and the later one is refused.
   */
  readonly settles?: 'paid' | 'givenBack';
}

/**
 * The host as one boot's recovery found it: `away` once a call at boot found it not answering
 * (down, timed out, 5xx); the later boot calls then go straight to their background tries instead
 * of waiting a host timeout each, so the kiosk goes in service after one host timeout at most.
 */
export interface BootHost {
  away: boolean;
}

/**
 * Failures where the act's outcome is unknown and a try a few seconds later, by the same key, can
 * answer it: no answer in time, the host unreachable, or a 5xx. The only ones a session asks again
 * for itself (`byKey` in `asked-again-by-key.ts`): the resident waits and the step's timer runs, so
 * the session does not ask again where a try within the step would meet the same (an answer the
 * kiosk cannot read, its credentials refused until the key is put right) or where the session
 * itself ended the call (SESSION_CANCELLED); those are the background tries' (`hostDidNotAnswer`),
 * which go on for as long as the act is owed.
 */
export function askedAgainInSession(error: KioskError): boolean {
  const status = error.details['status'];
  return (
    error.code === ErrorCode.HOST_TIMEOUT ||
    error.code === ErrorCode.HOST_UNREACHABLE ||
    (typeof status === 'number' && status >= 500)
  );
}

/**
 * Failures where the host did not answer the act: tried again in the background. Any other answer
 * of the host stands. Those asked again in a session, and: an answer the kiosk cannot read
 * (HOST_BAD_RESPONSE), the call ended by the session (SESSION_CANCELLED), and the kiosk's
 * credentials refused (HOST_UNAUTHORIZED: its key rotated at the host before the kiosk's file, a
 * gateway's 401), no answer to the act, which the host never looked at.
 */
const NOT_ANSWERED_BUT_NOT_IN_SESSION: ReadonlySet<string> = new Set([
  ErrorCode.HOST_BAD_RESPONSE,
  ErrorCode.HOST_UNAUTHORIZED,
  ErrorCode.SESSION_CANCELLED,
]);

export function hostDidNotAnswer(error: KioskError): boolean {
  return askedAgainInSession(error) || NOT_ANSWERED_BUT_NOT_IN_SESSION.has(error.code);
}

/**
 * True when `step` of these steps was refused here as conflicting with another act of its key
 * (journaled failed with `conflictsWith`): never to be sent, at boot either.
 */
export function refusedAsConflicting(steps: readonly JournaledStep[], step: string): boolean {
  return steps.some(
    (s) => s.step === step && s.phase === 'failed' && typeof stepDetail(s)['conflictsWith'] === 'string',
  );
}

/**
 * Whether a host act whose last journaled step is `last` is still owed: not done, and not a
 * failure where the host answered (a refusal stands, as does an act given up): a failure the host
 * did not answer is said by the tries (`triedAgain`), or by its code where the act was journaled
 * failed before the tries took it.
 */
export function stillOwedAfter(last: JournaledStep): boolean {
  if (last.phase === 'done') return false;
  if (last.phase !== 'failed') return true;
  const triedAgain = stepDetail(last)['triedAgain'];
  if (typeof triedAgain === 'boolean') return triedAgain;
  const code = detailText(last, 'code');
  return code !== undefined && hostDidNotAnswer(new KioskError(code as KioskError['code'], ''));
}

/**
 * The back office at this boot (`BootHost`): once one of recovery's calls went unanswered, the
 * later ones of the same boot are not sent (each would wait a full host timeout); what they were
 * for goes to the background or stays listed for staff, as each caller's rules say.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { hostDidNotAnswer, type BootHost } from './journaled-host-retries.js';

/** Refuses HOST_UNREACHABLE, without asking, when the back office did not answer earlier at this boot. */
export function refuseIfHostAway(boot: BootHost | undefined): void {
  if (boot?.away) {
    throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office did not answer earlier at this boot.');
  }
}

/** Marks the back office away for the rest of this boot when `error` says it did not answer. */
export function noteHostSilence(boot: BootHost | undefined, error: unknown): void {
  if (boot && hostDidNotAnswer(KioskError.from(error))) boot.away = true;
}

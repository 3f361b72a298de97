/**
 * A withdrawal's host calls wait behind the card's PIN outcomes still owed to the host (ADR 0006).
 * The outcomes go in the background, one after the other under the card's key of the background
 * tries (`pin-outcome-to-host.ts`, `pinReportsKey`); the host counts the wrong PINs in them and
 * blocks withdrawals after too many. A resident quicker than a slow host got the limits and the
 * authorisation asked before the host had counted the wrong PINs just typed: past the office's
 * wrong-PIN block. So the limits call and the authorisation each wait until the card's key is
 * drained (every outcome answered, or refused by the host), for at most the host's timeout; not
 * drained by then (the host away, slow, or the kiosk stopping), the withdrawal is refused with
 * HOST_UNREACHABLE before the host is asked anything: no hold, nothing paid, nothing journaled as
 * an act on money. The refusal is journaled first (`PIN_OUTCOMES_OWED_STEP`, an event: the code,
 * which call it came before, how long it waited; no card number, no PIN): the session's close
 * alone says HOST_UNREACHABLE, which a field engineer reading the journal after a complaint could
 * not tell from a host that did not answer the limits call.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { pinReportsKey } from './pin-reports-key.js';

/** The journal's event of a withdrawal refused because the card's PIN outcomes were still owed. */
export const PIN_OUTCOMES_OWED_STEP = 'host.pinOutcomesOwed';

/** What the refusal's event says: the call it came before and the wait (ms); the code is added. */
export interface PinOutcomesOwedRefusal {
  readonly before: 'limits' | 'authorisation';
  readonly waitedMs: number;
}

export const PIN_OUTCOMES_OWED_MESSAGE =
  'The social-security office has not yet been told of the PIN entries on this card; nothing was taken from your account. Please try again later or go to a counter.';

/**
 * Resolves once the card's PIN outcomes owed to the host are answered (at once when none is);
 * throws HOST_UNREACHABLE (`pinOutcomesOwed`) when they are not within `withinMs`, once `journal`
 * wrote the refusal (`PIN_OUTCOMES_OWED_STEP`), and the abort's reason when `signal` aborts first.
 */
export async function afterOwedPinOutcomes(
  retries: Pick<JournaledHostRetries, 'drained'>,
  cardNumber: string,
  withinMs: number,
  signal: AbortSignal | undefined,
  journal: (refusal: PinOutcomesOwedRefusal & { code: ErrorCode }) => Promise<void>,
  before: PinOutcomesOwedRefusal['before'],
): Promise<void> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const drained = await Promise.race([
    retries.drained(pinReportsKey(cardNumber)),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), withinMs);
      onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  ]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  });
  signal?.throwIfAborted();
  if (!drained) {
    // journal first: the refusal is in the journal before the resident hears of it
    await journal({ code: ErrorCode.HOST_UNREACHABLE, before, waitedMs: withinMs });
    throw new KioskError(ErrorCode.HOST_UNREACHABLE, PIN_OUTCOMES_OWED_MESSAGE, {
      pinOutcomesOwed: true,
      waitedMs: withinMs,
    });
  }
}

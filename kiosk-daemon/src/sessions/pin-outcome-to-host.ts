/**
 * Tells the host what the card answered to a PIN (never the PIN), for its anomaly rules (RULES.md:
 * repeated PIN failures are flagged to the host and the fleet). The card has decided already, so
 * the resident never waits for this. A host that does not answer (down, timed out, 5xx) is
 * journaled with the session, and the same event, under the same idempotency key, is tried again
 * in the background (`JournaledHostRetries`, 1 s doubling to 5 min) until it answers: the host's
 * count of wrong PINs is not short of those typed while it was away. Nothing else is journaled of
 * it (a restart forgets the tries; the session's step says the event was not told).
 */
import { KioskError } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import { hostDidNotAnswer, type JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JourneyTools } from '../journeys/journey-tools.js';

export interface PinOutcomeDeps {
  readonly host: Pick<HostService, 'reportPinEvent'>;
  readonly retries: Pick<JournaledHostRetries, 'handOver'>;
}

export function tellHostPinOutcome(
  deps: PinOutcomeDeps,
  tools: Pick<JourneyTools, 'step' | 'transactionId'>,
  cardNumber: string | undefined,
  result: 'ok' | 'wrong' | 'blocked',
  attempt: number,
): void {
  if (!cardNumber) return;
  const outcome = result === 'ok' ? 'verified' : result;
  // the session's transaction and the try: one idempotency key per PIN entry, the same on each send
  const serial = `${tools.transactionId}:${attempt}`;
  const send = () => deps.host.reportPinEvent(cardNumber, outcome, serial);
  send().catch((e: unknown) => {
    const error = KioskError.from(e);
    tools.step('pin.report', { outcome, failed: error.code }).catch(() => undefined);
    if (!hostDidNotAnswer(error)) return;
    deps.retries.handOver(`${serial}:pin-${outcome}`, {
      step: 'pin.report',
      unjournaled: true,
      send: async () => {
        await send();
        return { outcome };
      },
    });
  });
}

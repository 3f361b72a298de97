/**
 * What brings a robot resident of the mixed-journey run to the kiosk, and what a refusal there
 * tells them of their card: a card refused as expired sends them to the service counter to apply
 * for a new one (`applyAtCounter`), then to the kiosk to have it made; a blocked PIN, to reset it.
 */
import type { HostSimulator } from '@kiosk/host-simulator';
import type { Journey, Prng } from '@kiosk/domain';
import { applyAtCounter } from './mixed-journeys.counter.js';
import type { Resident } from './mixed-journeys.robot.js';

/** The journey a resident comes for, by what their card needs. */
export function journeyFor(resident: Resident, rng: Prng): Journey {
  switch (resident.state) {
    case 'made':
      return 'activatePin';
    case 'pinBlocked':
      return 'resetPin'; // ID card and face, a new PIN
    case 'expired':
      return 'issueCard'; // applied for at the counter: made at the kiosk
    case 'lost':
      return 'replaceCard'; // the loss confirmed, the fee paid, a new card made
    default:
      return rng.chance(0.03)
        ? 'reportLoss'
        : rng.pick<Journey>(['balance', 'balance', 'records', 'withdraw', 'withdraw', 'withdraw']);
  }
}

/**
 * The resident's next visit: the journey they come for; one whose card expired goes by the
 * service counter first, where a new card is applied for unless one is applied for already.
 */
export function nextJourney(host: HostSimulator, resident: Resident, rng: Prng, at: Date): Journey {
  const journey = journeyFor(resident, rng);
  if (journey === 'issueCard') applyAtCounter(host, resident.key, at);
  return journey;
}

/** What a journey's refusal tells the resident of their card (its outcome, `journey:CODE`). */
export function noteRefusal(resident: Resident, outcome: string): void {
  if (outcome.endsWith(':CARD_EXPIRED')) resident.state = 'expired';
  if (outcome.endsWith(':PIN_BLOCKED') || outcome.endsWith(':PIN_ALREADY_BLOCKED'))
    resident.state = 'pinBlocked';
}

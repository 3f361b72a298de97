/**
 * What the host must say of the card's state as the card is read, by journey, before any PIN is
 * typed: a resident never types a PIN into a card the kiosk will refuse. Activation wants a card
 * not activated yet; a balance query, records, a withdrawal and a PIN change an active, unexpired
 * one (RULES.md), a reset an active or a made one. The refusal is the host's (CARD_NOT_ACTIVE,
 * CARD_EXPIRED). A loss report reads no card: it takes cards in any state by design.
 */
import type { Journey } from '@kiosk/domain';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import {
  refuseActivatedCard,
  requireActiveCard,
  type ActiveCardJourney,
  type HostCardState,
} from './new-pin-writes.js';

const ACTIVE_CARD_JOURNEYS: readonly Journey[] = ['balance', 'records', 'withdraw', 'changePin', 'resetPin'];

const needsActiveCard = (journey: Journey): journey is ActiveCardJourney =>
  ACTIVE_CARD_JOURNEYS.includes(journey);

/** Refuses the card for `journey` as it is read; the state the host answered, when it was asked. */
export async function checkCardAtRead(
  deps: Pick<NewPinJourneyDeps, 'host'>,
  cardNumber: string,
  journey: Journey,
  signal: AbortSignal,
): Promise<HostCardState | undefined> {
  if (journey === 'activatePin') {
    await refuseActivatedCard(deps, cardNumber, signal);
    return undefined;
  }
  if (!needsActiveCard(journey)) return undefined;
  return requireActiveCard(deps, cardNumber, signal, journey);
}

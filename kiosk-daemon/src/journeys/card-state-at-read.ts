/**
 * What the host must say of the card's state as the card is read, by journey, before any PIN is
 * typed: a resident never types a PIN into a card the kiosk will refuse. Activation wants a made
 * (sealed) card and refuses every other state in words of its own; a balance query, records, a withdrawal and a PIN change an active, unexpired
 * one (RULES.md), a reset an active or a made one. The refusal is the host's (CARD_NOT_ACTIVE,
 * CARD_EXPIRED). A loss report reads no card: it takes cards in any state by design.
 */
import { KioskError, type Journey } from '@kiosk/domain';
import type { JourneyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import {
  requireMadeCard,
  type CardStateAtRead,
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
    await requireMadeCard(deps, cardNumber, signal);
    return undefined;
  }
  if (!needsActiveCard(journey)) return undefined;
  return requireActiveCard(deps, cardNumber, signal, journey);
}

/**
 * A journey chosen after another of the session, the card still in (the session's `checkCard`):
 * the host's answer at the card read was the first journey's, and the card may have been reported
 * lost, cancelled or activated since, so the host is asked again, as at the card read, before the
 * journey asks anything of the resident or moves money. One call (the card's state), none for a
 * journey that takes any card; its answer kept for the journey (`CARD_STATE_AT_READ`: a change or
 * a reset does not ask again). A refusal, the host's or its silence (HOST_UNREACHABLE,
 * HOST_TIMEOUT), is journaled with the journey and refuses it.
 */
export async function checkCardAtNextJourney(
  deps: Pick<NewPinJourneyDeps, 'host'>,
  tools: Pick<JourneyTools, 'transactionId' | 'step'>,
  held: CardStateAtRead,
  cardNumber: string,
  journey: Journey,
  signal: AbortSignal,
): Promise<void> {
  if (held.freshIn(tools.transactionId) !== undefined) return;
  try {
    const state = await checkCardAtRead(deps, cardNumber, journey, signal);
    if (state) held.keep(state, tools.transactionId);
  } catch (e) {
    await tools.step('card.state', { refused: KioskError.from(e).code });
    throw e;
  }
}

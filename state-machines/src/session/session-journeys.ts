/**
 * Which journey runs where in the session, and what it needs before it starts: the card road
 * (card, PIN, ID card + face) or no card at all (a lost card is reported by ID card + face).
 */
import type { Journey } from '@kiosk/domain';
import type { JourneyOutputBase } from '../journeys/journey.types.js';
import type { SessionContext } from './session.types.js';

/**
 * Journeys whose actors the daemon wires today: what it offers residents. A journey here must
 * also be in `SESSION_JOURNEYS_BUILT`. Kept as the Task-A contract: balance only, until the
 * daemon provides the journey machines' actors.
 */
export const SESSION_JOURNEYS: readonly Journey[] = ['balance'];

/** Journeys the session machine can carry (each beyond balance runs a journey machine). */
export const SESSION_JOURNEYS_BUILT: readonly Journey[] = [
  'balance',
  'records',
  'withdraw',
  'activatePin',
  'reportLoss',
];

/** Journeys that start with the social-security card in the reader. */
const CARD_JOURNEYS: readonly Journey[] = ['balance', 'records', 'withdraw', 'activatePin'];
const PIN_JOURNEYS: readonly Journey[] = ['balance', 'records', 'withdraw'];
const ID_AND_FACE_JOURNEYS: readonly Journey[] = ['withdraw', 'activatePin', 'reportLoss'];

export const isCardJourney = (journey: Journey | null): boolean =>
  journey !== null && CARD_JOURNEYS.includes(journey);
export const needsPin = (journey: Journey | null): boolean =>
  journey !== null && PIN_JOURNEYS.includes(journey);
export const needsIdAndFace = (journey: Journey | null): boolean =>
  journey !== null && ID_AND_FACE_JOURNEYS.includes(journey);

/** Offered by the kiosk, built here, and configured (a withdrawal needs its caps). */
export function journeyAvailable(context: SessionContext, journey: Journey): boolean {
  if (!context.journeysOffered.includes(journey) || !SESSION_JOURNEYS_BUILT.includes(journey)) return false;
  if (journey === 'withdraw') return context.journeyOptions.withdrawal !== undefined;
  return true;
}

/** What the session keeps of a journey machine's end: its outcome (when not completed) and error. */
export function outcomeOf(output: JourneyOutputBase): Pick<SessionContext, 'outcome' | 'error'> {
  if (output.outcome === 'completed') return { outcome: undefined, error: undefined };
  return { outcome: output.outcome, error: output.error };
}

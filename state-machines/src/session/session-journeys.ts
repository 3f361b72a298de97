/**
 * Which journey runs where in the session, and what it needs before it starts: the card road
 * (card, PIN, ID card + face) or no card at all (a lost card is reported by ID card + face).
 */
import type { Journey } from '@kiosk/domain';
import type { JourneyOutputBase } from '../journeys/journey.types.js';
import type { NewPinPurpose } from '../journeys/new-pin/new-pin.machine.js';
import type { SessionContext } from './session.types.js';

/**
 * Journeys the session machine can carry (each beyond balance runs a journey machine): the daemon
 * wires the side effects of every one and offers no other (`kioskViewOf`).
 */
export const SESSION_JOURNEYS_BUILT: readonly Journey[] = [
  'balance',
  'records',
  'withdraw',
  'activatePin',
  'changePin',
  'resetPin',
  'reportLoss',
  'issueCard',
  'replaceCard',
];

/** Journeys that start with the social-security card in the reader. */
const CARD_JOURNEYS: readonly Journey[] = [
  'balance',
  'records',
  'withdraw',
  'activatePin',
  'changePin',
  'resetPin',
];
/** the card's PIN first (a new card has only the default; a locked PIN cannot be verified) */
const PIN_JOURNEYS: readonly Journey[] = ['balance', 'records', 'withdraw', 'changePin'];
const ID_AND_FACE_JOURNEYS: readonly Journey[] = [
  'withdraw',
  'activatePin',
  'resetPin',
  'reportLoss',
  'issueCard',
  'replaceCard',
];

const NEW_PIN_PURPOSES: Partial<Record<Journey, NewPinPurpose>> = {
  activatePin: 'activate',
  changePin: 'change',
  resetPin: 'reset',
};

export function newPinPurposeOf(journey: Journey | null): NewPinPurpose | undefined {
  return journey === null ? undefined : NEW_PIN_PURPOSES[journey];
}

export function newPinJourneyOf(context: SessionContext): 'activatePin' | 'changePin' | 'resetPin' {
  const journey = context.journey;
  return journey === 'changePin' || journey === 'resetPin' ? journey : 'activatePin';
}

/**
 * Journeys a card whose PIN is locked cannot go through: those that ask for its PIN, and activation,
 * which changes the default PIN (CHANGE REFERENCE DATA verifies it first; a locked default PIN is
 * set by the reset road, ADR 0006). The reset itself needs no PIN, nor do the journeys without a card.
 */
const PIN_LOCK_BARRED: readonly Journey[] = [...PIN_JOURNEYS, 'activatePin'];

export const isCardJourney = (journey: Journey | null): boolean =>
  journey !== null && CARD_JOURNEYS.includes(journey);
export const needsPin = (journey: Journey | null): boolean =>
  journey !== null && PIN_JOURNEYS.includes(journey);
export const needsIdAndFace = (journey: Journey | null): boolean =>
  journey !== null && ID_AND_FACE_JOURNEYS.includes(journey);
export const barredByPinLock = (journey: Journey | null): boolean =>
  journey !== null && PIN_LOCK_BARRED.includes(journey);

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

/**
 * RULES.md's 60-record rule, met in the session: a withdrawal's record brought the card's log to
 * its unprinted limit (`recordsPrintRequired`, from the card's count after the write) and no records
 * journey printed them since. The card may then go on only to the records journey (printing resets
 * the count); "anything else?" offers only that, and the card back.
 */
export function recordsPrintPending(results: SessionContext['results']): boolean {
  const at = results.findLastIndex((r) => r.journey === 'withdraw' && r.output.recordsPrintRequired === true);
  return at >= 0 && !results.slice(at).some((r) => r.journey === 'records' && r.output.printed);
}

/**
 * The card at its unprinted limit (`recordsPrintPending`) and the receipt printer unable to print
 * them now, as the session last heard (PRINTER_CHANGED, between journeys too): "anything else?"
 * offers only the card back, the records to be printed at another kiosk.
 */
export function recordsPrintElsewhere(context: Pick<SessionContext, 'results' | 'journeyOptions'>): boolean {
  return recordsPrintPending(context.results) && context.journeyOptions.records?.printAvailable !== true;
}

/**
 * How the kiosk machine places itself (`kiosk.machine.ts`): what it offers from the devices'
 * statuses and what is left behind (a card in the reader, notes in the presenter), and the
 * transitions that place it again when those change.
 */
import type { DeviceStatus } from '@kiosk/domain';
import {
  journeysOffered,
  serviceReasons,
  withCardLeftInReader,
  withCashLeftInPresenter,
  withNewCardLeftAtSlot,
} from './journeys-offered.js';
import type { KioskContext } from './kiosk.machine.js';

/** What is offered and why not, from the statuses and what is left behind. */
export function evaluate(
  statuses: readonly DeviceStatus[],
  left: Pick<KioskContext, 'cardLeftInReader' | 'cashLeftInPresenter' | 'newCardLeftAtSlot'>,
): Pick<KioskContext, 'statuses' | 'journeysOffered' | 'reason' | 'reasons' | 'cause'> {
  const devices = { journeysOffered: journeysOffered(statuses), reasons: serviceReasons(statuses) };
  const card = left.cardLeftInReader
    ? withCardLeftInReader(devices.journeysOffered, devices.reasons)
    : devices;
  const cash = left.cashLeftInPresenter ? withCashLeftInPresenter(card.journeysOffered, card.reasons) : card;
  const offer = left.newCardLeftAtSlot ? withNewCardLeftAtSlot(cash.journeysOffered, cash.reasons) : cash;
  // placed by what it offers: no failed self test's cause any more
  return { statuses, ...offer, reason: offer.reasons[0], cause: undefined };
}

/** Placed again with the card left in the reader (or cleared): in or out of service, degraded. */
export const cardLeftTransitions = {
  CARD_LEFT_IN_READER: { target: '#kiosk.placing', actions: ['recordCardLeft', 'reevaluate'] },
  CARD_LEFT_CLEARED: { target: '#kiosk.placing', actions: ['clearCardLeft', 'reevaluate'] },
} as const;

/** Placed again with notes left in the presenter (or none any more): withdrawals held back or offered. */
export const cashLeftTransitions = {
  CASH_LEFT_IN_PRESENTER: { target: '#kiosk.placing', actions: ['recordCashLeft', 'reevaluate'] },
  CASH_LEFT_CLEARED: { target: '#kiosk.placing', actions: ['clearCashLeft', 'reevaluate'] },
} as const;

/** Placed again with a new card left at the printer's slot unsettled (or settled): card making held back or offered. */
export const newCardLeftTransitions = {
  NEW_CARD_LEFT_AT_SLOT: { target: '#kiosk.placing', actions: ['recordNewCardLeft', 'reevaluate'] },
  NEW_CARD_LEFT_CLEARED: { target: '#kiosk.placing', actions: ['clearNewCardLeft', 'reevaluate'] },
} as const;

/**
 * In service or degraded: every change (the devices, the operator, what is left behind) places the
 * kiosk again; field staff and a late settlement take it out of serving.
 */
const servingTransitions = {
  DEVICES_CHANGED: { target: 'placing', actions: 'recordStatuses' },
  MAINTENANCE_ENTER: 'maintenance',
  OPERATOR_STOP: { target: 'placing', actions: 'recordOperatorStop' },
  OPERATOR_RESUME: { target: 'placing', actions: 'releaseOperatorStop' },
  LATE_SETTLEMENT_HOLD: 'lateSettlement',
  ...cardLeftTransitions,
  ...cashLeftTransitions,
  ...newCardLeftTransitions,
} as const;

/** In service and degraded: one state but for its name (what is offered tells them apart). */
export const servingState = { on: { ...servingTransitions } };

/** Transitions that place the kiosk by what it can offer; used after the self test and on change. */
export const placeByOffer = [
  { guard: 'heldByOperator', target: '#kiosk.outOfService', actions: 'applyOperatorStop' },
  { guard: 'offersEverything', target: '#kiosk.inService' },
  { guard: 'offersSomething', target: '#kiosk.degraded' },
  { target: '#kiosk.outOfService' },
] as const;

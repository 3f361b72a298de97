/**
 * From what the daemon sent to what the screen shows: pure, tested without React. The UI keeps
 * no business state; this function is the whole decision of which screen to show.
 */
import {
  type Journey,
  type KioskView,
  ServiceReason,
  type SessionStep,
  type SessionViewWithDetails,
} from '@kiosk/domain';
import type { GatewayState } from '../gateway/gateway-state';
import { presentationOf, type StepPresentation } from './step-presentations';

export type Screen =
  | { readonly kind: 'reconnecting' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'outOfService'; readonly maintenance: boolean; readonly reason?: string }
  | {
      readonly kind: 'home';
      readonly journeys: readonly Journey[];
      readonly degradedReason?: string;
      /** the card left in the reader sticks out of its slot (a reader without a motor) */
      readonly cardLeftAtSlot?: true;
    }
  | {
      readonly kind: 'session';
      readonly view: SessionViewWithDetails;
      readonly presentation: StepPresentation;
      /** the card reader is gone (pcscd restarting, its link dropped) at a step that needs it */
      readonly readerLost?: true;
    };

/** Steps that wait for a card to be put in the reader, or read it, before one is read. */
const CARD_GOING_IN: readonly SessionStep[] = [
  'insertCard',
  'readingCard',
  'insertOldCard',
  'handingInOldCard',
];
/** Steps where the card is on its way out or the session is over: the reader's words would mislead. */
const CARD_GOING_OUT: readonly SessionStep[] = [
  'ejectingCard',
  'takeCard',
  'retractingCard',
  'ended',
  'takeIdCard',
];

/**
 * The card reader lost mid-session: the kiosk keeps the session and the card where they are and
 * goes on once the reader is back (a chip command meanwhile waits for it, within the profile's
 * `positionWaitMs`, before it fails DEVICE_OFFLINE), so the resident is told to wait while the card
 * is going in or in (read this session, not yet going out).
 */
function readerLost(kiosk: KioskView | null, view: SessionViewWithDetails): boolean {
  const reader = kiosk?.devices.find((d) => d.kind === 'cardReader')?.device;
  if (reader !== 'offline' && reader !== 'noDevice') return false;
  if (CARD_GOING_OUT.includes(view.step)) return false;
  return CARD_GOING_IN.includes(view.step) || view.card !== undefined;
}

function kioskScreen(kiosk: KioskView): Screen {
  switch (kiosk.mode) {
    case 'booting':
    case 'selfTest':
      return { kind: 'starting' };
    case 'outOfService':
    case 'maintenance':
      return withReason({ kind: 'outOfService', maintenance: kiosk.mode === 'maintenance' }, kiosk.reason);
    case 'degraded':
    case 'inService': {
      if (kiosk.journeysOffered.length === 0) {
        return withReason({ kind: 'outOfService', maintenance: false }, kiosk.reason);
      }
      const home: Screen = { kind: 'home', journeys: kiosk.journeysOffered };
      if (kiosk.mode !== 'degraded') return home;
      const atSlot = kiosk.reason === ServiceReason.CARD_LEFT_IN_READER && kiosk.cardLeftAtSlot === true;
      return { ...home, degradedReason: kiosk.reason ?? 'unknown', ...(atSlot && { cardLeftAtSlot: true }) };
    }
  }
}

function withReason<S extends { kind: 'outOfService'; maintenance: boolean }>(screen: S, reason?: string): S {
  return reason === undefined ? screen : { ...screen, reason };
}

export function screenFor(state: Pick<GatewayState, 'connection' | 'kiosk' | 'session'>): Screen {
  if (state.connection !== 'connected') return { kind: 'reconnecting' };
  const { session, kiosk } = state;
  // a resident mid-journey keeps their screen even if the kiosk goes out of service: the card
  // must still come back to them; back at "choose" after a journey, the card is still in
  if (session !== null && (session.step !== 'chooseJourney' || session.journey !== null)) {
    const screen = { kind: 'session', view: session, presentation: presentationOf(session.step) } as const;
    return readerLost(kiosk, session) ? { ...screen, readerLost: true } : screen;
  }
  if (kiosk === null) return { kind: 'starting' };
  return kioskScreen(kiosk);
}

/**
 * From what the daemon sent to what the screen shows: pure, tested without React. The UI keeps
 * no business state; this function is the whole decision of which screen to show.
 */
import type { Journey, KioskView, SessionViewWithDetails } from '@kiosk/domain';
import type { GatewayState } from '../gateway/gateway-state';
import { presentationOf, type StepPresentation } from './step-presentations';

export type Screen =
  | { readonly kind: 'reconnecting' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'outOfService'; readonly maintenance: boolean; readonly reason?: string }
  | { readonly kind: 'home'; readonly journeys: readonly Journey[]; readonly degradedReason?: string }
  | {
      readonly kind: 'session';
      readonly view: SessionViewWithDetails;
      readonly presentation: StepPresentation;
    };

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
      return kiosk.mode === 'degraded' ? { ...home, degradedReason: kiosk.reason ?? 'unknown' } : home;
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
    return { kind: 'session', view: session, presentation: presentationOf(session.step) };
  }
  if (kiosk === null) return { kind: 'starting' };
  return kioskScreen(kiosk);
}

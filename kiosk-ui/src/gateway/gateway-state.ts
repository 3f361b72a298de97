/**
 * What the UI knows: only what the daemon last sent. A pure reducer so the mapping from socket
 * events to screen state can be tested without a socket.
 */
import type { DemoState, GatewayErrorBody, KioskView, SessionViewWithDetails } from '@kiosk/domain';

export type Connection = 'connecting' | 'connected' | 'disconnected';

export interface GatewayState {
  readonly connection: Connection;
  readonly kiosk: KioskView | null;
  readonly session: SessionViewWithDetails | null;
  readonly demo: DemoState | null;
  /** the last refusal from the gateway (an error event or a negative acknowledgement) */
  readonly notice: GatewayErrorBody | null;
  /** the last refusal of a demo panel action: shown in the panel, not on the resident's screen */
  readonly demoNotice: GatewayErrorBody | null;
}

export type GatewayEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected' }
  | { readonly type: 'kiosk.view'; readonly view: KioskView }
  | { readonly type: 'session.view'; readonly view: SessionViewWithDetails | null }
  | { readonly type: 'demo.state'; readonly state: DemoState }
  | { readonly type: 'gateway.error'; readonly error: GatewayErrorBody }
  | { readonly type: 'notice.dismissed' };

export const initialGatewayState: GatewayState = {
  connection: 'connecting',
  kiosk: null,
  session: null,
  demo: null,
  notice: null,
  demoNotice: null,
};

export function reduceGateway(state: GatewayState, event: GatewayEvent): GatewayState {
  switch (event.type) {
    case 'connected':
      return { ...state, connection: 'connected' };
    case 'disconnected':
      // nothing personal stays on screen while the daemon is away; it resends views on reconnect
      return { ...initialGatewayState, connection: 'disconnected' };
    case 'kiosk.view':
      return { ...state, kiosk: event.view };
    case 'session.view':
      return {
        ...state,
        session: event.view,
        // a new step answers the old refusal
        notice: event.view?.step === state.session?.step ? state.notice : null,
      };
    case 'demo.state':
      return { ...state, demo: event.state, demoNotice: null };
    case 'gateway.error':
      return event.error.event?.startsWith('demo.')
        ? { ...state, demoNotice: event.error }
        : { ...state, notice: event.error };
    case 'notice.dismissed':
      return { ...state, notice: null };
  }
}

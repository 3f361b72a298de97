/**
 * The socket.io client: the one road to the daemon. It connects to the origin that served the
 * page, reconnects forever, turns outbound events into GatewayEvents and sends inbound events
 * with an acknowledgement.
 */
import { io, type Socket } from 'socket.io-client';
import {
  ErrorCode,
  OutboundEvents,
  type Ack,
  type DemoState,
  type GatewayErrorBody,
  type InboundEvent,
  type InboundPayload,
  type KioskView,
  type SessionViewWithDetails,
} from '@kiosk/domain';
import { initialGatewayState, reduceGateway, type GatewayEvent, type GatewayState } from './gateway-state';

/** How long to wait for an acknowledgement before telling the resident something is wrong. */
export const ACK_TIMEOUT_MS = 5000;

/**
 * How long one connection attempt may take before the next is tried. The daemon is on the same
 * machine and answers in milliseconds; an attempt that hangs (a connection accepted by whatever
 * held the port while the daemon restarted, and never answered) must not keep the screen on
 * "reconnecting" for socket.io's default 20 s after the daemon is back.
 */
export const CONNECT_TIMEOUT_MS = 4000;

export interface KioskGateway {
  getState(): GatewayState;
  subscribe(listener: () => void): () => void;
  send<E extends InboundEvent>(event: E, payload: InboundPayload<E>): Promise<Ack>;
  dismissNotice(): void;
  close(): void;
}

export interface GatewayOptions {
  /** where the daemon is; the page's own origin when absent */
  readonly url?: string;
  readonly ackTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export function connectKioskGateway(options: GatewayOptions = {}): KioskGateway {
  const { url, ackTimeoutMs = ACK_TIMEOUT_MS, connectTimeoutMs = CONNECT_TIMEOUT_MS } = options;
  let state = initialGatewayState;
  const listeners = new Set<() => void>();
  const dispatch = (event: GatewayEvent): void => {
    state = reduceGateway(state, event);
    for (const listener of listeners) listener();
  };

  const socketOptions = {
    path: '/socket.io',
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
    timeout: connectTimeoutMs,
  };
  const socket: Socket = url === undefined ? io(socketOptions) : io(url, socketOptions);

  socket.on('connect', () => dispatch({ type: 'connected' }));
  socket.on('disconnect', () => dispatch({ type: 'disconnected' }));
  socket.on('connect_error', () => dispatch({ type: 'disconnected' }));
  socket.on(OutboundEvents.kioskView, (view: KioskView) => dispatch({ type: 'kiosk.view', view }));
  socket.on(OutboundEvents.sessionView, (view: SessionViewWithDetails | null) =>
    dispatch({ type: 'session.view', view }),
  );
  socket.on(OutboundEvents.demoState, (demo: DemoState) => dispatch({ type: 'demo.state', state: demo }));
  socket.on(OutboundEvents.gatewayError, (error: GatewayErrorBody) =>
    dispatch({ type: 'gateway.error', error }),
  );

  const emitWithAck = (event: string, payload: unknown): Promise<Ack> =>
    new Promise<Ack>((resolve) => {
      socket.timeout(ackTimeoutMs).emit(event, payload, (err: Error | null, ack: Ack | undefined) => {
        let answer: Ack;
        if (err !== null || ack === undefined) {
          answer = {
            ok: false,
            error: { code: ErrorCode.INTERNAL, message: 'No answer from the kiosk', event },
          };
        } else if (ack.ok) {
          answer = ack;
        } else {
          answer = { ok: false, error: { ...ack.error, event: ack.error.event ?? event } };
        }
        if (!answer.ok) dispatch({ type: 'gateway.error', error: answer.error });
        resolve(answer);
      });
    });

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (event, payload) => emitWithAck(event, payload),
    dismissNotice: () => dispatch({ type: 'notice.dismissed' }),
    close: () => {
      socket.close();
    },
  };
}

/**
 * The one road to the fleet monitor: log in over HTTP, then socket.io with the session token. It
 * turns pushes into DashboardEvents and sends messages with an acknowledgement. A refused
 * connection (the session expired, or the monitor restarted and forgot it) ends at the log-in.
 */
import { io, type Socket } from 'socket.io-client';
// types only from the contract (its schemas would bring zod into the page), the event names apart
import type {
  AlertView,
  KioskAlertsView,
  DashboardAck,
  DashboardInboundEvent,
  DashboardInboundPayload,
  DashboardSession,
  FleetKioskView,
  KioskDetailView,
  StatsView,
} from '@kiosk/fleet-monitor/dashboard';
import { DashboardOutbound } from '@kiosk/fleet-monitor/dashboard-outbound';
import {
  initialDashboardState,
  reduceDashboard,
  type DashboardEvent,
  type DashboardState,
} from './dashboard-state';

export const ACK_TIMEOUT_MS = 8000;
const TOKEN_KEY = 'fleet-dashboard.token';

export type LoginResult = { ok: true } | { ok: false; code: string };

export interface DashboardConnection {
  getState(): DashboardState;
  subscribe(listener: () => void): () => void;
  /** true while a token is kept (the page shows the fleet, not the log-in) */
  loggedIn(): boolean;
  logIn(username: string, password: string): Promise<LoginResult>;
  logOut(): Promise<void>;
  send<E extends DashboardInboundEvent, T = unknown>(
    event: E,
    payload: DashboardInboundPayload<E>,
  ): Promise<DashboardAck<T>>;
  /** shows this kiosk's detail (null: none), kept up to date by the monitor */
  watch(kioskId: string | null): Promise<DashboardAck<KioskDetailView>>;
  /** the daily counts of the last `days` days, kept up to date by the monitor */
  requestStats(days: number): Promise<DashboardAck<StatsView>>;
}

export function connectDashboard(): DashboardConnection {
  let state = initialDashboardState;
  let token = sessionStorage.getItem(TOKEN_KEY);
  let socket: Socket | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  const dispatch = (event: DashboardEvent): void => {
    state = reduceDashboard(state, event);
    notify();
  };

  const forget = (): void => {
    token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    socket?.close();
    socket = undefined;
    state = initialDashboardState;
    notify();
  };

  const open = (): void => {
    socket?.close();
    const s = io({ path: '/socket.io', auth: { token }, reconnectionDelay: 500, reconnectionDelayMax: 3000 });
    socket = s;
    s.on('connect', () => {
      dispatch({ type: 'connected' });
      // a new connection watches nothing yet: ask again for what the page shows
      if (state.detail) void watch(state.detail.kiosk.kioskId);
      if (state.stats) void requestStats(state.stats.days);
    });
    s.on('disconnect', () => dispatch({ type: 'disconnected' }));
    s.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'FLEET_LOGIN_FAILED') forget();
      else dispatch({ type: 'disconnected' });
    });
    s.on(DashboardOutbound.session, (session: DashboardSession) => dispatch({ type: 'session', session }));
    s.on(DashboardOutbound.fleet, (kiosks: FleetKioskView[]) => dispatch({ type: 'fleet', kiosks }));
    s.on(DashboardOutbound.kiosk, (kiosk: FleetKioskView) => dispatch({ type: 'kiosk', kiosk }));
    s.on(DashboardOutbound.alerts, (alerts: AlertView[]) => dispatch({ type: 'alerts', alerts }));
    s.on(DashboardOutbound.kioskAlerts, (lists: KioskAlertsView[]) =>
      dispatch({ type: 'kioskAlerts', lists }),
    );
    s.on(DashboardOutbound.detail, (detail: KioskDetailView) => dispatch({ type: 'detail', detail }));
    s.on(DashboardOutbound.stats, (stats: StatsView) => dispatch({ type: 'stats', stats }));
  };

  if (token !== null) open();

  const send = <E extends DashboardInboundEvent, T = unknown>(
    event: E,
    payload: DashboardInboundPayload<E>,
  ): Promise<DashboardAck<T>> =>
    new Promise<DashboardAck<T>>((resolve) => {
      if (!socket)
        return resolve({ ok: false, error: { code: 'FLEET_LOGIN_FAILED', message: 'not logged in', event } });
      socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error: Error | null, ack?: DashboardAck<T>) =>
        resolve(
          error !== null || ack === undefined
            ? {
                ok: false,
                error: { code: 'NO_ANSWER', message: 'No answer from the fleet monitor', event },
              }
            : ack,
        ),
      );
    });

  const watch = async (kioskId: string | null): Promise<DashboardAck<KioskDetailView>> => {
    if (kioskId === null) dispatch({ type: 'detail', detail: null });
    const ack = await send<'kiosk.watch', KioskDetailView>('kiosk.watch', { kioskId });
    if (ack.ok && ack.data) dispatch({ type: 'detail', detail: ack.data });
    return ack;
  };
  const requestStats = async (days: number): Promise<DashboardAck<StatsView>> => {
    const ack = await send<'stats.daily', StatsView>('stats.daily', { days });
    if (ack.ok && ack.data) dispatch({ type: 'stats', stats: ack.data });
    return ack;
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    loggedIn: () => token !== null,
    async logIn(username, password) {
      let response: Response;
      try {
        response = await fetch('auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      } catch {
        return { ok: false, code: 'NETWORK' };
      }
      const body = (await response.json().catch(() => ({}))) as { token?: string; code?: string };
      if (!response.ok || typeof body.token !== 'string')
        return { ok: false, code: body.code ?? 'FLEET_LOGIN_FAILED' };
      token = body.token;
      sessionStorage.setItem(TOKEN_KEY, token);
      open();
      notify();
      return { ok: true };
    },
    async logOut() {
      if (token !== null)
        await fetch('auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
          () => undefined,
        );
      forget();
    },
    send,
    watch,
    requestStats,
  };
}

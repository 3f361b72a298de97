/**
 * The dashboard's state, changed only by what the monitor pushes: a pure reducer, so the page
 * and its tests share one truth. Kiosks are kept by id (a row replaced on every push).
 */
import type {
  AlertView,
  DashboardSession,
  FleetKioskView,
  KioskAlertsView,
  KioskDetailView,
  StatsView,
} from '@kiosk/fleet-monitor/dashboard';
import { compareFleetKiosks, compareHalls } from '@kiosk/fleet-monitor/fleet-order';

export interface DashboardState {
  readonly connected: boolean;
  readonly session: DashboardSession | null;
  readonly kiosks: ReadonlyMap<string, FleetKioskView>;
  readonly alerts: readonly AlertView[];
  readonly detail: KioskDetailView | null;
  readonly stats: StatsView | null;
}

export type DashboardEvent =
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'session'; session: DashboardSession }
  | { type: 'fleet'; kiosks: readonly FleetKioskView[] }
  | { type: 'kiosk'; kiosk: FleetKioskView }
  | { type: 'alerts'; alerts: readonly AlertView[] }
  /** the active alerts of the kiosks whose alerts changed, each kiosk's whole list */
  | { type: 'kioskAlerts'; lists: readonly KioskAlertsView[] }
  | { type: 'detail'; detail: KioskDetailView | null }
  | { type: 'stats'; stats: StatsView };

export const initialDashboardState: DashboardState = {
  connected: false,
  session: null,
  kiosks: new Map(),
  alerts: [],
  detail: null,
  stats: null,
};

export function reduceDashboard(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case 'connected':
      return { ...state, connected: true };
    case 'disconnected':
      return { ...state, connected: false };
    case 'session':
      return { ...state, session: event.session };
    case 'fleet':
      return { ...state, kiosks: new Map(event.kiosks.map((kiosk) => [kiosk.kioskId, kiosk])) };
    case 'kiosk': {
      const kiosks = new Map(state.kiosks);
      kiosks.set(event.kiosk.kioskId, event.kiosk);
      const detail =
        state.detail?.kiosk.kioskId === event.kiosk.kioskId
          ? { ...state.detail, kiosk: event.kiosk }
          : state.detail;
      return { ...state, kiosks, detail };
    }
    case 'alerts':
      return { ...state, alerts: event.alerts };
    case 'kioskAlerts': {
      const replaced = new Set(event.lists.map((list) => list.kioskId));
      const alerts = [
        ...state.alerts.filter((alert) => !replaced.has(alert.kioskId)),
        ...event.lists.flatMap((list) => list.alerts),
      ].sort((a, b) => a.id - b.id);
      return { ...state, alerts };
    }
    case 'detail':
      return { ...state, detail: event.detail };
    case 'stats':
      return { ...state, stats: event.stats };
  }
}

export type KioskState =
  'offline' | 'outOfService' | 'maintenance' | 'degraded' | 'starting' | 'online' | 'otherMode';

/**
 * What the fleet list shows for a kiosk: offline first, then what the kiosk says of its mode
 * (booting and its self test both read "starting"); a mode of a newer kiosk (ADR 0018) is
 * `otherMode`, shown with the mode as sent, never taken for in service.
 */
export function kioskState(kiosk: Pick<FleetKioskView, 'connection' | 'mode'>): KioskState {
  if (kiosk.connection === 'offline') return 'offline';
  if (kiosk.mode === 'outOfService') return 'outOfService';
  if (kiosk.mode === 'maintenance') return 'maintenance';
  if (kiosk.mode === 'degraded') return 'degraded';
  if (kiosk.mode === 'booting' || kiosk.mode === 'selfTest') return 'starting';
  if (kiosk.mode !== null && kiosk.mode !== 'inService') return 'otherMode';
  return 'online';
}

/** Kiosks grouped by service hall, in the fleet list's one order (the REST API's too): halls by name, kiosks without one last, then by id. */
export function kiosksByHall(kiosks: Iterable<FleetKioskView>): [hall: string | null, FleetKioskView[]][] {
  const halls = new Map<string | null, FleetKioskView[]>();
  for (const kiosk of kiosks) {
    const list = halls.get(kiosk.hallId) ?? [];
    list.push(kiosk);
    halls.set(kiosk.hallId, list);
  }
  return [...halls]
    .sort(([a], [b]) => compareHalls(a, b))
    .map(([hall, list]) => [hall, list.sort(compareFleetKiosks)]);
}

/**
 * The kiosks a filter keeps: the text found in the kiosk id or the hall (any case), and with
 * `attentionOnly` only kiosks not plainly online or with an active alert.
 */
export function kioskMatches(kiosk: FleetKioskView, text: string, attentionOnly: boolean): boolean {
  const query = text.trim().toLowerCase();
  if (query !== '' && !`${kiosk.kioskId} ${kiosk.hallId ?? ''}`.toLowerCase().includes(query)) return false;
  return !attentionOnly || kioskState(kiosk) !== 'online' || kiosk.activeAlerts > 0;
}

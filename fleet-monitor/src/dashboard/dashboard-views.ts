/**
 * What the dashboard may see, built from the store's read methods: the fleet list rows, a kiosk's
 * detail and the daily counts. Each read is awaited, so the views work on a store that answers at
 * once and on one that answers with promises.
 */
import type { FleetMonitor } from '../fleet-monitor.js';
import type {
  AlertView,
  FleetKioskView,
  KioskAlertsView,
  KioskDetailView,
  StatsView,
} from './dashboard.contract.js';
import { compareFleetKiosks } from './fleet-order.js';
import { lastDaysCounted } from '../store/days-counted.js';

type Store = FleetMonitor['store'];
type Kiosk = NonNullable<Awaited<ReturnType<Store['kiosk']>>>;

export function fleetKioskView(kiosk: Kiosk, activeAlerts: readonly AlertView[]): FleetKioskView {
  return {
    kioskId: kiosk.kioskId,
    hallId: kiosk.status?.hallId ?? null,
    connection: kiosk.connection,
    mode: kiosk.status?.mode ?? null,
    version: kiosk.status?.version ?? null,
    lastSeenAt: kiosk.lastSeenAt,
    supplies: (kiosk.status?.devices ?? []).flatMap((device) =>
      device.supplies.map((supply) => ({ device: device.kind, ...supply })),
    ),
    activeAlerts: activeAlerts.filter((alert) => alert.kioskId === kiosk.kioskId).length,
  };
}

/** Every kiosk, by hall (kiosks without one last) then id: the fleet list's one order. */
export async function fleetView(store: Store): Promise<FleetKioskView[]> {
  const alerts = await store.activeAlerts();
  return (await store.kiosks()).map((kiosk) => fleetKioskView(kiosk, alerts)).sort(compareFleetKiosks);
}

/** What a push sends: the changed kiosks' rows, their alerts and the details of those `watched`; every active alert. */
export interface ChangedViews {
  readonly rows: readonly FleetKioskView[];
  /** each changed kiosk's active alerts, all of them (none: an empty list) */
  readonly kioskAlerts: readonly KioskAlertsView[];
  readonly details: readonly KioskDetailView[];
  readonly alerts: readonly AlertView[];
}

/**
 * The views of the kiosks that changed (those the store knows), the active alerts read once for
 * them all: a fleet's statuses coming back together (a broker restarted) change a thousand rows in
 * one push, and a read of every alert per row made the push grow with the square of the fleet.
 */
export async function changedViews(
  store: Store,
  kioskIds: Iterable<string>,
  watched: (kioskId: string) => boolean,
): Promise<ChangedViews> {
  const alerts = await store.activeAlerts();
  const rows: FleetKioskView[] = [];
  const kioskAlerts: KioskAlertsView[] = [];
  const details: KioskDetailView[] = [];
  for (const kioskId of kioskIds) {
    // an event may raise an alert before its kiosk's first status made its row
    kioskAlerts.push({ kioskId, alerts: alerts.filter((alert) => alert.kioskId === kioskId) });
    const kiosk = await store.kiosk(kioskId);
    if (!kiosk) continue;
    rows.push(fleetKioskView(kiosk, alerts));
    if (watched(kioskId)) details.push((await kioskDetailView(store, kioskId, alerts))!);
  }
  return { rows, kioskAlerts, details, alerts };
}

/** `activeAlerts`: the fleet's, when the caller has read them already; else the kiosk's own are read */
export async function kioskDetailView(
  store: Store,
  kioskId: string,
  activeAlerts?: readonly AlertView[],
): Promise<KioskDetailView | undefined> {
  const kiosk = await store.kiosk(kioskId);
  if (!kiosk) return undefined;
  const alerts = activeAlerts
    ? activeAlerts.filter((alert) => alert.kioskId === kioskId)
    : await store.activeAlertsOf(kioskId);
  return {
    kiosk: fleetKioskView(kiosk, alerts),
    devices: kiosk.status?.devices ?? [],
    journeysOffered: kiosk.status?.journeysOffered ?? [],
    reason: kiosk.status?.reason ?? null,
    ...(kiosk.status?.reasons !== undefined && { reasons: kiosk.status.reasons }),
    cause: kiosk.status?.cause ?? null,
    events: await store.recentEvents(kioskId, 30),
    commands: await store.commands(kioskId, 20),
    alerts,
  };
}

export async function statsView(store: Store, days: number, now = new Date()): Promise<StatsView> {
  return { days, counts: await lastDaysCounted(store, days, null, now) };
}

/** The kiosks whose active alerts differ between two readings of them. */
export function kiosksWhoseAlertsDiffer(
  before: readonly AlertView[],
  after: readonly AlertView[],
): Set<string> {
  const seen = (alerts: readonly AlertView[]) => new Set(alerts.map((alert) => JSON.stringify(alert)));
  const [was, is] = [seen(before), seen(after)];
  const differ = new Set<string>();
  for (const alert of before) if (!is.has(JSON.stringify(alert))) differ.add(alert.kioskId);
  for (const alert of after) if (!was.has(JSON.stringify(alert))) differ.add(alert.kioskId);
  return differ;
}

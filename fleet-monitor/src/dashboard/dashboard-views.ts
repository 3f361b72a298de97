/**
 * What the dashboard may see, built from the store's read methods: the fleet list rows, a kiosk's
 * detail and the daily counts. Each read is awaited, so the views work on a store that answers at
 * once and on one that answers with promises.
 */
import type { FleetMonitor } from '../fleet-monitor.js';
import type { AlertView, FleetKioskView, KioskDetailView, StatsView } from './dashboard.contract.js';
import { compareFleetKiosks } from './fleet-order.js';

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

export async function kioskRowView(store: Store, kioskId: string): Promise<FleetKioskView | undefined> {
  const kiosk = await store.kiosk(kioskId);
  return kiosk && fleetKioskView(kiosk, await store.activeAlerts());
}

export async function kioskDetailView(store: Store, kioskId: string): Promise<KioskDetailView | undefined> {
  const kiosk = await store.kiosk(kioskId);
  if (!kiosk) return undefined;
  const alerts = (await store.activeAlerts()).filter((alert) => alert.kioskId === kioskId);
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
  const since = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { days, counts: await store.dailyCounts(since, null) };
}

/**
 * A kiosk's alert at the fleet monitor, raised and resolved, as the monitor's API lists it: for
 * the e2e specs whose kiosk raises an alert for staff (a recovery, a supply act) and clears it.
 */
import { expect } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { OPERATOR, type FleetMonitorProcess } from './fleet-monitor-process.js';

/** An alert as the monitor lists it (the fields the specs read). */
export interface FleetAlert {
  readonly id: number;
  readonly kioskId: string;
  readonly kind: string;
  readonly key: string;
  readonly code: string | null;
  readonly clearedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
}

/** The monitor's alerts, the active ones or all (the history). */
export async function alertsAt(monitor: FleetMonitorProcess, state: 'active' | 'all'): Promise<FleetAlert[]> {
  return (await monitor.api('GET', `/alerts?state=${state}`)).body as FleetAlert[];
}

/** The active alert `key` of `kioskId`, if the monitor lists one now. */
export async function activeAlert(
  monitor: FleetMonitorProcess,
  kioskId: string,
  key: string,
): Promise<FleetAlert | undefined> {
  return (await alertsAt(monitor, 'active')).find((a) => a.kioskId === kioskId && a.key === key);
}

/** The active alert `key` of `kioskId`, once the monitor lists it (`what` names it if it never does). */
export async function alertRaised(
  monitor: FleetMonitorProcess,
  kioskId: string,
  key: string,
  what: string,
): Promise<FleetAlert> {
  const raised = await eventually(() => activeAlert(monitor, kioskId, key), what, {
    withinMs: 20_000,
    until: (a) => a !== undefined,
  });
  return raised!;
}

/** `alert` once the monitor no longer lists it active: its entry in the history. */
export async function alertResolved(
  monitor: FleetMonitorProcess,
  alert: FleetAlert,
  what: string,
  withinMs = 15_000,
): Promise<FleetAlert | undefined> {
  await eventually(() => alertsAt(monitor, 'active'), what, {
    withinMs,
    until: (active) => !active.some((a) => a.id === alert.id),
  });
  return (await alertsAt(monitor, 'all')).find((a) => a.id === alert.id);
}

/** `alert`, acknowledged by the operator, resolves by itself: kept in the history cleared, its acknowledgement with it. */
export async function expectResolvedAcknowledged(
  monitor: FleetMonitorProcess,
  alert: FleetAlert,
  what: string,
): Promise<void> {
  expect(await alertResolved(monitor, alert, what)).toMatchObject({
    key: alert.key,
    clearedAt: expect.any(String) as unknown,
    acknowledgedAt: expect.any(String) as unknown,
    acknowledgedBy: OPERATOR.username,
  });
}

/**
 * The fleet list's one order (fleet-order.ts) in the REST API: by hall, kiosks without a hall
 * last, then by kiosk id, as the dashboard shows them. The API once put hall-less kiosks first.
 */
import { describe, expect, it } from '@jest/globals';
import type { OnlineStatus } from '../contract/telemetry.contract.js';
import type { FleetMonitor } from '../fleet-monitor.js';
import type { DashboardGateway } from '../dashboard/dashboard.gateway.js';
import { compareFleetKiosks, compareHalls } from '../dashboard/fleet-order.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetController } from './fleet.controller.js';

function status(kioskId: string, hallId?: string): OnlineStatus {
  return {
    connection: 'online',
    kioskId,
    ...(hallId !== undefined && { hallId }),
    mode: 'inService',
    version: '0.1.0',
    journeysOffered: ['balance'],
    devices: [],
    heartbeatIntervalS: 10,
    at: '2026-11-27T01:00:00.000Z',
  };
}

describe('the fleet list order', () => {
  it('GET /kiosks: kiosks without a hall come last, halls by name (hall-2 before hall-10), then kiosk id', async () => {
    const store = new SqliteFleetStore(':memory:');
    const now = '2026-11-27T01:00:01.000Z';
    for (const [kioskId, hallId] of [
      ['k-a', undefined],
      ['k-b', 'hall-10'],
      ['k-c', 'hall-2'],
      ['k-d', undefined],
      ['k-e', 'hall-2'],
      ['k-f', 'hall-1'],
    ] as const)
      await store.saveStatus(status(kioskId, hallId), now);
    // the list reads the store only: the monitor around it and the gateway are not needed
    const api = new FleetController({ store } as unknown as FleetMonitor, {} as DashboardGateway);
    const rows = (await api.list()) as { kioskId: string; hallId: string | null }[];
    expect(rows.map((row) => [row.hallId, row.kioskId])).toEqual([
      ['hall-1', 'k-f'],
      ['hall-2', 'k-c'],
      ['hall-2', 'k-e'],
      ['hall-10', 'k-b'],
      [null, 'k-a'],
      [null, 'k-d'],
    ]);
    expect((await api.list('hall-2')) as unknown[]).toHaveLength(2);
    await store.close();
  });

  it('compares halls and kiosks the same whatever the language of the page', () => {
    expect(compareHalls(null, 'zz')).toBeGreaterThan(0);
    expect(compareHalls('zz', null)).toBeLessThan(0);
    expect(compareHalls(null, null)).toBe(0);
    expect(compareHalls('焦作解放大厅', 'hall-1')).toBeGreaterThan(0);
    const kiosks = [
      { hallId: null, kioskId: 'k1' },
      { hallId: 'b', kioskId: 'k2' },
      { hallId: 'a', kioskId: 'k3' },
      { hallId: 'a', kioskId: 'k10' },
    ];
    expect(kiosks.sort(compareFleetKiosks).map((kiosk) => kiosk.kioskId)).toEqual(['k3', 'k10', 'k2', 'k1']);
  });
});

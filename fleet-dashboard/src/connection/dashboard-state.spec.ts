import { describe, expect, it } from '@jest/globals';
import type { AlertView, FleetKioskView, KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import {
  initialDashboardState,
  kioskMatches,
  kioskState,
  kiosksByHall,
  reduceDashboard,
} from './dashboard-state';
import { compareFleetKiosks } from '@kiosk/fleet-monitor/fleet-order';

function kiosk(
  kioskId: string,
  hallId: string | null,
  changes: Partial<FleetKioskView> = {},
): FleetKioskView {
  return {
    kioskId,
    hallId,
    connection: 'online',
    mode: 'inService',
    version: '1',
    lastSeenAt: '2026-11-27T01:00:00.000Z',
    supplies: [{ device: 'receiptPrinter', name: 'paper', level: 'ok' }],
    activeAlerts: 0,
    ...changes,
  };
}

describe('dashboard state', () => {
  it("alerts pushed whole to every page: a push replaces the changed kiosks' alerts, the others' kept", () => {
    const alert = (id: number, kioskId: string, key: string): AlertView => ({
      id,
      kioskId,
      kind: 'supplyLow',
      key,
      code: 'low',
      raisedAt: '2026-11-27T01:00:00.000Z',
      clearedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    let state = reduceDashboard(initialDashboardState, {
      type: 'alerts',
      alerts: [alert(1, 'k1', 'a'), alert(2, 'k2', 'a'), alert(3, 'k1', 'b'), alert(4, 'k3', 'a')],
    });
    state = reduceDashboard(state, {
      type: 'kioskAlerts',
      lists: [
        { kioskId: 'k1', alerts: [alert(3, 'k1', 'b'), alert(5, 'k1', 'c')] },
        { kioskId: 'k3', alerts: [] },
        { kioskId: 'k4', alerts: [alert(6, 'k4', 'a')] },
      ],
    });
    expect(state.alerts.map((a) => [a.id, a.kioskId])).toEqual([
      [2, 'k2'],
      [3, 'k1'],
      [5, 'k1'],
      [6, 'k4'],
    ]);
  });

  it('replaces one kiosk row on a push, and the open detail with it', () => {
    let state = reduceDashboard(initialDashboardState, {
      type: 'fleet',
      kiosks: [kiosk('k1', 'h1'), kiosk('k2', 'h1')],
    });
    state = reduceDashboard(state, {
      type: 'detail',
      detail: {
        kiosk: kiosk('k1', 'h1'),
        devices: [],
        journeysOffered: [],
        reason: null,
        cause: null,
        events: [],
        commands: [],
        alerts: [],
      } as KioskDetailView,
    });
    const low = kiosk('k1', 'h1', {
      supplies: [{ device: 'receiptPrinter', name: 'paper', level: 'low' }],
      activeAlerts: 1,
    });
    state = reduceDashboard(state, { type: 'kiosk', kiosk: low });
    expect(state.kiosks.get('k1')).toEqual(low);
    expect(state.kiosks.get('k2')).toEqual(kiosk('k2', 'h1'));
    expect(state.detail?.kiosk).toEqual(low);
    state = reduceDashboard(state, { type: 'kiosk', kiosk: kiosk('k2', 'h1', { mode: 'degraded' }) });
    expect(state.detail?.kiosk).toEqual(low);
  });

  it('a kiosk offline shows offline whatever mode it last reported; out of service and maintenance come next', () => {
    expect(kioskState({ connection: 'offline', mode: 'outOfService' })).toBe('offline');
    expect(kioskState({ connection: 'online', mode: 'outOfService' })).toBe('outOfService');
    expect(kioskState({ connection: 'online', mode: 'maintenance' })).toBe('maintenance');
    expect(kioskState({ connection: 'online', mode: 'degraded' })).toBe('degraded');
    expect(kioskState({ connection: 'online', mode: 'inService' })).toBe('online');
    expect(kioskState({ connection: 'online', mode: null })).toBe('online');
  });

  it('groups kiosks by hall, halls by name and kiosks without a hall last', () => {
    const groups = kiosksByHall([
      kiosk('b2', 'hall-b'),
      kiosk('x1', null),
      kiosk('a1', 'hall-a'),
      kiosk('b1', 'hall-b'),
    ]);
    expect(groups.map(([hall, kiosks]) => [hall, kiosks.map((k) => k.kioskId)])).toEqual([
      ['hall-a', ['a1']],
      ['hall-b', ['b1', 'b2']],
      [null, ['x1']],
    ]);
  });

  it('groups in the order of the REST list (one comparator): hall-2 before hall-10, kiosks without a hall last', () => {
    const kiosks = [
      kiosk('k10', 'hall-10'),
      kiosk('x2', null),
      kiosk('k2b', 'hall-2'),
      kiosk('x1', null),
      kiosk('k2a', 'hall-2'),
    ];
    const shown = kiosksByHall(kiosks).flatMap(([, list]) => list.map((k) => k.kioskId));
    expect(shown).toEqual(['k2a', 'k2b', 'k10', 'x1', 'x2']);
    expect(shown).toEqual([...kiosks].sort(compareFleetKiosks).map((k) => k.kioskId));
  });

  it('the filter finds a kiosk by id or hall in any case, and keeps only those needing attention', () => {
    const fine = kiosk('JZ-0001', 'hall-east');
    const alerted = kiosk('JZ-0002', 'hall-east', { activeAlerts: 1 });
    const away = kiosk('JZ-0003', 'hall-west', { connection: 'offline' });
    expect([fine, alerted, away].filter((k) => kioskMatches(k, ' jz-0002 ', false))).toEqual([alerted]);
    expect([fine, alerted, away].filter((k) => kioskMatches(k, 'EAST', false))).toEqual([fine, alerted]);
    expect([fine, alerted, away].filter((k) => kioskMatches(k, '', true))).toEqual([alerted, away]);
    expect([fine, alerted, away].filter((k) => kioskMatches(k, 'west', true))).toEqual([away]);
  });
});

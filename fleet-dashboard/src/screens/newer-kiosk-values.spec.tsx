import { describe, expect, it } from '@jest/globals';
import type { FleetKioskView } from '@kiosk/fleet-monitor/dashboard';
import { initialDashboardState, kioskState, reduceDashboard } from '../connection/dashboard-state';
import { LABELS } from '../i18n/labels';
import { describeEvent } from './describe-event';
import { FleetScreen } from './fleet-screen';
import { renderScreen } from './render-screen.spec-support';

const base = {
  id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
  kioskId: 'JZ-0001',
  seq: 3,
  at: '2026-11-27T01:00:00.000Z',
};

/** what a kiosk one release ahead sends, as the monitor keeps it (ADR 0018): its new values as sent */
describe("a newer kiosk's events on the dashboard", () => {
  it("a kiosk's unknown journey and outcome are shown as sent, not as blank words", () => {
    const outcome = {
      ...base,
      type: 'journeyOutcome',
      journey: 'pension',
      outcome: 'handedToStaff',
      durationMs: 4000,
    } as const;
    expect(describeEvent(LABELS.en, outcome)).toBe('unknown (pension): unknown (handedToStaff)');
    expect(describeEvent(LABELS['zh-CN'], { ...outcome, journey: 'balance' })).toBe(
      '余额查询: 未知 (handedToStaff)',
    );
  });

  it("a kiosk's unknown maintenance action and retracted item are shown as sent", () => {
    const refill = {
      ...base,
      type: 'maintenance',
      action: 'refillCoins',
      device: 'coinHopper',
      count: 200,
    } as const;
    expect(describeEvent(LABELS.en, refill)).toBe('unknown (refillCoins): unknown (coinHopper), × 200');
    const retract = {
      ...base,
      type: 'retract',
      device: 'cardReader',
      item: 'coin',
      code: 'NOT_TAKEN_X',
    } as const;
    expect(describeEvent(LABELS.en, retract)).toBe('Card reader: unknown (coin) NOT_TAKEN_X');
  });

  it("a kiosk's event of an unknown type shows its type as sent with its device and code", () => {
    const event = {
      ...base,
      type: 'unknownType',
      sentType: 'coinJam',
      device: 'coinHopper',
      code: 'CARD_READER_JAM',
    } as const;
    expect(describeEvent(LABELS.en, event)).toBe(
      'unknown (coinJam) · unknown (coinHopper) · Card jammed in the reader',
    );
    expect(describeEvent(LABELS.en, { ...base, type: 'unknownType', sentType: 'doorOpened' })).toBe(
      'unknown (doorOpened)',
    );
  });
});

describe('a newer kiosk in the fleet list', () => {
  const newer: FleetKioskView = {
    kioskId: 'JZ-0009',
    hallId: 'jz-hall-1',
    connection: 'online',
    mode: 'updating',
    version: '2.0.0',
    lastSeenAt: '2026-11-27T01:00:00.000Z',
    supplies: [
      { device: 'coinHopper', name: 'coins', level: 'halfFull' },
      { device: 'receiptPrinter', name: 'paper', level: 'ok' },
    ],
    activeAlerts: 0,
  };

  it("a kiosk's unknown mode is not shown as in service: its mode as sent, and it needs attention", () => {
    expect(kioskState(newer)).toBe('otherMode');
    expect(kioskState({ connection: 'online', mode: 'inService' })).toBe('online');
    const state = reduceDashboard(initialDashboardState, { type: 'fleet', kiosks: [newer] });
    const text = renderScreen(<FleetScreen onOpen={() => undefined} />, state, 'en').replace(/<[^>]*>/g, ' ');
    expect(text).toMatch(/Mode of a newer kiosk\s+updating/);
    expect(text).toContain('unknown (coins)');
    expect(text).toContain('unknown (halfFull)');
    expect(text).not.toContain('Online');
  });
});

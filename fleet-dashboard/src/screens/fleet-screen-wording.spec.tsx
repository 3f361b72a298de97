/**
 * The fleet list in words, both languages: the screen rendered with kiosks that report what the
 * real daemon reports (every device kind, both cassettes and a third, the bins two devices share)
 * in every state the list knows. In Chinese no Latin word may be left but the kiosk and hall ids;
 * in English no raw value of the contract (a mode, a device kind, a supply or cassette id).
 */
import { describe, expect, it } from '@jest/globals';
import type { FleetKioskView, SupplyView } from '@kiosk/fleet-monitor/dashboard';
import { DEVICE_KINDS } from '@kiosk/domain';
import { KIOSK_MODES } from '@kiosk/fleet-monitor/contract';
import { initialDashboardState, reduceDashboard } from '../connection/dashboard-state';
import type { Language } from '../i18n/labels';
import { FleetScreen } from './fleet-screen';
import { renderScreen } from './render-screen.spec-support';

/** What the daemon's drivers report, device by device (fleet-telemetry-mapping on the kiosk). */
const SUPPLIES: SupplyView[] = [
  { device: 'cardReader', name: 'captureBin', level: 'ok', count: 2 },
  { device: 'receiptPrinter', name: 'paper', level: 'low' },
  { device: 'cardPrinter', name: 'cardHopper', level: 'ok', count: 120 },
  { device: 'cardPrinter', name: 'ribbon', level: 'empty', count: 0 },
  { device: 'cardPrinter', name: 'rejectBin', level: 'full', count: 20 },
  { device: 'cashDispenser', name: 'cassette:upper', level: 'ok', count: 200 },
  { device: 'cashDispenser', name: 'cassette:lower', level: 'missing', count: 0 },
  { device: 'cashDispenser', name: 'cassette:cassette3', level: 'unknown' },
  { device: 'cashDispenser', name: 'rejectBin', level: 'ok', count: 3 },
  { device: 'cashDispenser', name: 'retractBin', level: 'ok', count: 0 },
];

function kiosk(kioskId: string, hallId: string | null, changes: Partial<FleetKioskView>): FleetKioskView {
  return {
    kioskId,
    hallId,
    connection: 'online',
    mode: 'inService',
    version: '0.1.0',
    lastSeenAt: '2026-11-27T01:00:00.000Z',
    supplies: SUPPLIES,
    activeAlerts: 1,
    ...changes,
  };
}

// a kiosk in each mode of the contract, one offline and one that has not reported its mode
const KIOSKS: FleetKioskView[] = [
  ...KIOSK_MODES.map((mode, i) => kiosk(`JZ-000${i + 1}`, 'jz-hall-1', { mode })),
  kiosk('JZ-0101', 'jz-hall-2', { connection: 'offline' }),
  kiosk('JZ-0201', null, { mode: null, supplies: [] }),
];

function fleetListText(language: Language): string {
  const state = reduceDashboard(initialDashboardState, { type: 'fleet', kiosks: KIOSKS });
  const html = renderScreen(<FleetScreen onOpen={() => undefined} />, state, language);
  // the text a person reads: no tags, no attribute values
  return html.replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' ');
}

describe('the fleet list in words', () => {
  it('in Chinese, no Latin word is left but the kiosk and hall ids', () => {
    const text = fleetListText('zh-CN');
    const ids = new Set([...KIOSKS.map((k) => k.kioskId), 'jz-hall-1', 'jz-hall-2']);
    const latin = (text.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []).filter((word) => !ids.has(word));
    expect(latin).toEqual([]);
    expect(text).toContain('现金 (上钞箱): 正常 (200)');
    expect(text).toContain('现金 (第3钞箱): 未知');
    expect(text).toContain('废卡箱 (制卡机): 已满 (20)');
    expect(text).toContain('启动中');
  });

  it('in English, no raw value of the contract: modes, device kinds, supply and cassette ids', () => {
    const text = fleetListText('en');
    // the cassettes' ids are English words: raw, they would stand alone in the brackets
    const raw = [
      ...KIOSK_MODES,
      ...DEVICE_KINDS,
      ...SUPPLIES.flatMap((supply) => supply.name.split(':')),
      'null',
      'undefined',
    ].filter((value) => !['cassette', 'upper', 'lower'].includes(value));
    const words = new Set(text.split(/[\s:(),·]+/));
    expect(raw.filter((value) => words.has(value))).toEqual([]);
    expect(text).not.toMatch(/\((upper|lower|cassette\d+)\)/);
    expect(text).toContain('Cash (upper cassette): ok (200)');
    expect(text).toContain('Cash (lower cassette): missing (0)');
    expect(text).toContain('Reject bin (Cash dispenser): ok (3)');
    expect(text).toContain('Starting');
    expect(text).toContain('No hall given');
  });
});

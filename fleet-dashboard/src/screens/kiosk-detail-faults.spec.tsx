/**
 * A kiosk's device faults as the operator reads them on its detail, in both languages: each
 * device's fault code in words (the jams field staff clear: cash, card printer, card reader; a
 * device that does not answer), the code as sent beside them in small text for field engineers;
 * a code the page has no words for shown as sent, once.
 */
import { describe, expect, it } from '@jest/globals';
import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { initialDashboardState, reduceDashboard } from '../connection/dashboard-state';
import type { Language } from '../i18n/labels';
import { KioskDetail } from './kiosk-detail';
import { kioskDetailOf } from './kiosk-detail.spec-support';
import { renderScreen } from './render-screen.spec-support';

type Device = KioskDetailView['devices'][number];

const device = (kind: Device['kind'], state: Device['device'], faultCode?: string): Device => ({
  kind,
  device: state,
  supplies: [],
  ...(faultCode !== undefined && { faultCode }),
});

const DETAIL = kioskDetailOf({
  devices: [
    device('cashDispenser', 'hardwareError', 'CASH_JAM'),
    device('cardPrinter', 'hardwareError', 'CARD_PRINTER_JAM'),
    device('cardReader', 'hardwareError', 'CARD_READER_JAM'),
    device('pinPad', 'offline', 'DEVICE_OFFLINE'),
    device('camera', 'hardwareError', 'LENS_FOGGED'),
    device('receiptPrinter', 'online'),
  ],
});

/** each device row's state cell as read, the small code as [CODE] */
function deviceStates(language: Language): Record<string, string> {
  const state = reduceDashboard(initialDashboardState, { type: 'detail', detail: DETAIL });
  const html = renderScreen(<KioskDetail onBack={() => undefined} />, state, language);
  const rows = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>(.*?)<\/td>/g)];
  return Object.fromEntries(
    rows.map((match) => [
      match[1]!,
      match[2]!
        .replace(/<small class="code">([^<]*)<\/small>/g, '[$1]')
        .replace(/<span class="code">([^<]*)<\/span>/g, '$1')
        .replace(/<!-- -->/g, ''),
    ]),
  );
}

describe('device faults on the kiosk detail', () => {
  it('in English: each fault code in words, the code beside them', () => {
    expect(deviceStates('en')).toEqual({
      'Cash dispenser': 'Hardware fault · Fault: Notes jammed [CASH_JAM]',
      'Card printer': 'Hardware fault · Fault: Card jammed in the card printer [CARD_PRINTER_JAM]',
      'Card reader': 'Hardware fault · Fault: Card jammed in the reader [CARD_READER_JAM]',
      'PIN pad': 'Not answering · Fault: Device offline [DEVICE_OFFLINE]',
      Camera: 'Hardware fault · Fault: LENS_FOGGED',
      'Receipt printer': 'Working',
    });
  });

  it('in Chinese: each fault code in words, the code beside them', () => {
    expect(deviceStates('zh-CN')).toEqual({
      出钞机: '硬件故障 · 故障: 出钞机卡钞 [CASH_JAM]',
      制卡机: '硬件故障 · 故障: 卡片卡在制卡机内 [CARD_PRINTER_JAM]',
      读卡器: '硬件故障 · 故障: 卡片卡在读卡器内 [CARD_READER_JAM]',
      密码键盘: '无响应 · 故障: 设备离线 [DEVICE_OFFLINE]',
      摄像头: '硬件故障 · 故障: LENS_FOGGED',
      凭条打印机: '正常',
    });
  });
});

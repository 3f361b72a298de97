/**
 * The header's live announcement of a new alert names the fault, in words, in both languages: not
 * only the kiosk and the device ("New alert: k1 Device fault Card reader") but what went wrong
 * ("Card reader: Card jammed in the reader"), as the alert's row says it.
 */
import { describe, expect, it } from '@jest/globals';
import type { AlertView } from '@kiosk/fleet-monitor/dashboard';
import { LABELS } from '../i18n/labels';
import { alertAnnouncement } from './alert-announcement';

type Alert = Pick<AlertView, 'kioskId' | 'kind' | 'key' | 'code'>;
const jam: Alert = {
  kioskId: 'hall1-k01',
  kind: 'deviceFault',
  key: 'fault/cardReader',
  code: 'CARD_READER_JAM',
};

describe('new alert announcement', () => {
  it('a device fault: the device and its fault in words, in English and in Chinese', () => {
    expect(alertAnnouncement(LABELS.en, jam)).toBe(
      'New alert: hall1-k01 Device fault Card reader: Card jammed in the reader',
    );
    expect(alertAnnouncement(LABELS['zh-CN'], jam)).toBe(
      '新告警: hall1-k01 设备故障 读卡器: 卡片卡在读卡器内',
    );
  });

  it('a device fault that sent no code: its state in words', () => {
    const state: Alert = { ...jam, key: 'fault/cashDispenser', code: 'hardwareError' };
    expect(alertAnnouncement(LABELS.en, state)).toBe(
      'New alert: hall1-k01 Device fault Cash dispenser: Hardware fault',
    );
    expect(alertAnnouncement(LABELS['zh-CN'], state)).toBe('新告警: hall1-k01 设备故障 出钞机: 硬件故障');
  });

  it.each([
    [
      'a recovery needing staff',
      {
        kioskId: 'k2',
        kind: 'recoveryNeedsStaff',
        key: 'recovery/SELF_TEST_FAILED',
        code: 'SELF_TEST_FAILED',
      },
      'New alert: k2 Recovery needs staff Self-test failed',
      '新告警: k2 需人工恢复 自检未通过',
    ],
    [
      'notes left at the kiosk for staff',
      {
        kioskId: 'k4',
        kind: 'leftAtKiosk',
        key: 'leftAtKiosk/CASH_LEFT_IN_PRESENTER',
        code: 'CASH_LEFT_IN_PRESENTER',
      },
      'New alert: k4 Card or notes left: send staff Notes are left in the cash presenter',
      '新告警: k4 卡或现金遗留，需派人 出钞口内留有钞票',
    ],
  ] satisfies [string, Alert, string, string][])('%s: the service reason in words', (_, alert, en, zh) => {
    expect(alertAnnouncement(LABELS.en, alert)).toBe(en);
    expect(alertAnnouncement(LABELS['zh-CN'], alert)).toBe(zh);
  });

  it('a supply alert: the supply and its level', () => {
    const low: Alert = { kioskId: 'k3', kind: 'supplyLow', key: 'supply/receiptPrinter/paper', code: 'low' };
    expect(alertAnnouncement(LABELS.en, low)).toBe('New alert: k3 Supply low Receipt printer: Paper low');
  });

  it('a kind of alert the page has no words for (a newer monitor on the same database) is named as sent', () => {
    const newer = { ...jam, kind: 'coinsLeft' } as unknown as Alert;
    expect(alertAnnouncement(LABELS.en, newer)).toBe(
      'New alert: hall1-k01 unknown (coinsLeft) Card reader: Card jammed in the reader',
    );
  });

  it('a fault code the page has no words for is named as sent, never left out', () => {
    const newer: Alert = { ...jam, code: 'SOME_NEWER_FAULT' };
    expect(alertAnnouncement(LABELS.en, newer)).toBe(
      'New alert: hall1-k01 Device fault Card reader SOME_NEWER_FAULT',
    );
  });
});

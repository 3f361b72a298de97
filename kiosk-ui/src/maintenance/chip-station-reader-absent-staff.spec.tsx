/**
 * Fault: the card printer is down because its chip station's PC/SC reader is not connected
 * (DEVICE_OFFLINE naming the reader). Field staff saw the raw code only, and no reader; a clear
 * refused (MAINTENANCE_FAULT_PERSISTS) did not say which fault stayed. The resident is told that
 * cards cannot be made here, never the reader's name.
 */
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { createI18n } from '../i18n/i18n';
import { renderForSpec } from '../screens/render-for-spec';
import { StatusScreen } from '../screens/status-screen';
import { HomeScreen } from '../screens/home-screen';
import { ErrorBox } from '../shell/error-box';
import { StaffDeviceRow, staffRefusalDetail, staffRefusalNext } from './staff-device-row';

const READER = 'ACS ACR39U ICC Reader 01 00';
const printerDown = {
  kind: 'cardPrinter',
  state: 'offline',
  fault: 'DEVICE_OFFLINE',
  missingReader: READER,
} as const;
const row = (device: Parameters<typeof StaffDeviceRow>[0]['device'], locale: 'en' | 'zh-CN') =>
  renderForSpec(<StaffDeviceRow device={device} busy={false} mayClear onClear={() => undefined} />, locale);

describe('card printer down, its chip station reader not connected', () => {
  it('staff see the fault in words with its code, and the reader named, in both languages', () => {
    const english = row(printerDown, 'en');
    expect(english).toContain('Card printer');
    expect(english).toContain(`${en.errors.DEVICE_OFFLINE?.what} <code>DEVICE_OFFLINE</code>`);
    expect(english).toContain(`Reader not connected: “${READER}”`);
    const chinese = row(printerDown, 'zh-CN');
    expect(chinese).toContain('制卡机');
    expect(chinese).toContain(`${zhCN.errors.DEVICE_OFFLINE?.what} <code>DEVICE_OFFLINE</code>`);
    expect(chinese).toContain(`读卡器未连接：“${READER}”`);
  });

  it('a fault with no reader concerned names none; a view from an earlier daemon (no missingReader) still shows the fault', () => {
    const html = row({ ...printerDown, missingReader: null }, 'en');
    expect(html).toContain('<code>DEVICE_OFFLINE</code>');
    expect(html).not.toContain('staff-device-missing-reader');
    const { missingReader: _dropped, ...earlier } = printerDown;
    expect(row(earlier as typeof printerDown, 'zh-CN')).not.toContain('staff-device-missing-reader');
  });

  it('clearing its fault refused (MAINTENANCE_FAULT_PERSISTS): the box names the device and the fault still there', async () => {
    const details = { device: 'cardPrinter', fault: 'DEVICE_OFFLINE', state: 'offline' };
    for (const [locale, messages, expected] of [
      ['en', en, `Card printer still has its fault: ${en.errors.DEVICE_OFFLINE?.what} (DEVICE_OFFLINE)`],
      ['zh-CN', zhCN, `制卡机故障仍在：${zhCN.errors.DEVICE_OFFLINE?.what}（DEVICE_OFFLINE）`],
    ] as const) {
      const i18n = createI18n(locale);
      const detail = staffRefusalDetail(i18n.t, messages, details);
      expect(detail).toBe(expected);
      const html = renderForSpec(
        <ErrorBox code="MAINTENANCE_FAULT_PERSISTS" message="still there" detail={detail} />,
        locale,
      );
      expect(html).toContain(messages.errors.MAINTENANCE_FAULT_PERSISTS?.what);
      expect(html).toContain(expected);
    }
    expect(staffRefusalDetail(createI18n('en').t, en, { device: 'cardPrinter' })).toBeUndefined();
    expect(staffRefusalDetail(createI18n('en').t, en, undefined)).toBeUndefined();
  });

  it('test card refused as the chip station cannot encode: staff are told no blank was taken, and to put the device right, not to use another kiosk', () => {
    const details = { device: 'chipStation' };
    for (const [locale, messages, expected, next] of [
      ['en', en, 'so no blank was taken', 'Put the device right (see Devices), then try again.'],
      ['zh-CN', zhCN, '未取用空白卡', '请排除设备故障（见“设备”）后再试。'],
    ] as const) {
      const i18n = createI18n(locale);
      const html = renderForSpec(
        <ErrorBox
          code="DEVICE_OFFLINE"
          message="offline"
          detail={staffRefusalDetail(i18n.t, messages, details)}
          next={staffRefusalNext(i18n.t, 'DEVICE_OFFLINE')}
        />,
        locale,
      );
      expect(html).toContain(expected);
      expect(html).toContain(next);
      expect(html).not.toContain(messages.errors.DEVICE_OFFLINE?.next);
    }
    expect(staffRefusalNext(createI18n('en').t, 'MAINTENANCE_COUNT_MISMATCH')).toBeUndefined();
  });

  it('the resident is told cards cannot be made here, in both languages, never the reader', () => {
    for (const [locale, words] of [
      ['en', en.reasons.CARD_PRINTER_DOWN],
      ['zh-CN', zhCN.reasons.CARD_PRINTER_DOWN],
    ] as const) {
      const home = renderForSpec(
        <HomeScreen journeys={['balance']} degradedReason="CARD_PRINTER_DOWN" />,
        locale,
      );
      const outOfService = renderForSpec(
        <StatusScreen kind="outOfService" reason="CARD_PRINTER_DOWN" />,
        locale,
      );
      for (const html of [home, outOfService]) {
        expect(html).toContain(words);
        expect(html).not.toContain('CARD_PRINTER_DOWN');
        expect(html).not.toContain(READER);
      }
    }
  });
});

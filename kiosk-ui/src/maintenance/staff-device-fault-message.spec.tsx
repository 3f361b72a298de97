/**
 * Fault: the staff screen showed a device fault's code in words, never the device's own message,
 * so the engineer did not see e.g. the PC/SC code of a chip station whose set-up failed. The row
 * now says what the device says (English device text, marked as such) below the words and code.
 */
import { renderForSpec } from '../screens/render-for-spec';
import { StaffDeviceRow } from './staff-device-row';

const PCSC =
  "The card printer's chip station's link could not be started (DEVICE_HARDWARE_ERROR, PC/SC 0x80100001).";
const printerDown = {
  kind: 'cardPrinter',
  state: 'offline',
  fault: 'DEVICE_HARDWARE_ERROR',
  faultMessage: PCSC,
  missingReader: null,
} as const;
const row = (device: Parameters<typeof StaffDeviceRow>[0]['device'], locale: 'en' | 'zh-CN') =>
  renderForSpec(<StaffDeviceRow device={device} busy={false} mayClear onClear={() => undefined} />, locale);
const escaped = (text: string) => text.replace(/'/g, '&#x27;');

describe("a device's fault on the staff screen", () => {
  it("fault: the chip station's set-up failed: staff see the device's message with its PC/SC code, in both languages", () => {
    const english = row(printerDown, 'en');
    expect(english).toContain('<code>DEVICE_HARDWARE_ERROR</code>');
    expect(english).toContain(`The device says: <q lang="en">${escaped(PCSC)}</q>`);
    const chinese = row(printerDown, 'zh-CN');
    expect(chinese).toContain('<code>DEVICE_HARDWARE_ERROR</code>');
    expect(chinese).toContain(`设备报告： <q lang="en">${escaped(PCSC)}</q>`);
  });

  it('no fault, or a view from an earlier daemon (no message): no device words shown', () => {
    expect(row({ ...printerDown, state: 'online', fault: null }, 'en')).not.toContain(
      'staff-device-fault-message',
    );
    const { faultMessage: _dropped, ...earlier } = printerDown;
    const html = row(earlier, 'en');
    expect(html).toContain('<code>DEVICE_HARDWARE_ERROR</code>');
    expect(html).not.toContain('staff-device-fault-message');
  });
});

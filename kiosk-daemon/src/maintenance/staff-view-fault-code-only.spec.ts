/**
 * Fault: the staff view gave a device fault's code, not its message. The maintenance API's device
 * view (and so the staff screen) carried `fault: 'DEVICE_HARDWARE_ERROR'` alone: the engineer at
 * the kiosk never saw what the device said, e.g. the PC/SC code of a chip station whose set-up
 * failed, and had to find the daemon's log. Now each device carries its fault's message beside the
 * code. A fault carries device text only (the drivers' messages, the PC/SC codes): no resident's
 * data is put there, and an ID number that reached one all the same is masked; the text is bounded.
 */
import { describe, expect, it } from '@jest/globals';
import type { DeviceStatus } from '@kiosk/domain';
import { STAFF_FAULT_MESSAGE_MAX, staffDeviceOf } from './maintenance-view.service.js';

const PCSC =
  "The card printer's chip station's link could not be started (DEVICE_HARDWARE_ERROR, PC/SC 0x80100001).";

function printer(fault?: DeviceStatus['fault']): DeviceStatus {
  return {
    kind: 'cardPrinter',
    device: fault ? 'offline' : 'online',
    supplies: [],
    ...(fault ? { fault } : {}),
    driver: 'evolis',
    updatedAt: '2026-11-28T02:00:00.000Z',
  };
}

describe('a device fault as staff see it', () => {
  it("fault: the chip station's set-up failed: staff see its message with the PC/SC code, beside the code", () => {
    expect(staffDeviceOf(printer({ code: 'DEVICE_HARDWARE_ERROR', message: PCSC }))).toEqual({
      kind: 'cardPrinter',
      state: 'offline',
      fault: 'DEVICE_HARDWARE_ERROR',
      faultMessage: PCSC,
      missingReader: null,
    });
  });

  it('a device without a fault has no message; a fault with the reader missing keeps the reader', () => {
    expect(staffDeviceOf(printer())).toMatchObject({ fault: null, faultMessage: null });
    const missing = printer({ code: 'DEVICE_OFFLINE', message: 'No reader.', missingReader: 'ACS 01 00' });
    expect(staffDeviceOf(missing)).toMatchObject({ faultMessage: 'No reader.', missingReader: 'ACS 01 00' });
  });

  it('fault: an ID number in a fault message never reaches staff: masked', () => {
    const message = 'ID card 410802199001011234 could not be read.';
    const view = staffDeviceOf({ ...printer({ code: 'ID_CARD_UNREADABLE', message }), kind: 'idReader' });
    expect(view.faultMessage).toBe('ID card 4108**********1234 could not be read.');
    expect(JSON.stringify(view)).not.toContain('410802199001011234');
  });

  it('fault: a fault message past the bound is cut, not passed on whole', () => {
    const view = staffDeviceOf(printer({ code: 'DEVICE_HARDWARE_ERROR', message: 'x'.repeat(5_000) }));
    expect(view.faultMessage).toHaveLength(STAFF_FAULT_MESSAGE_MAX);
    expect(view.faultMessage?.endsWith('…')).toBe(true);
  });
});

/**
 * The staff PIN prompt showed no digit count: a member of staff typing on the kiosk's pad could not
 * see whether a key was taken (the resident's PIN screen says "3 of 6 digits entered"). The log-in
 * now follows the pad's key events (counts, never digits) for the staff screen to read
 * (`GET /maintenance/login/pin`), and forgets them when the PIN is in.
 */
import type { KioskConfig } from '@kiosk/config';
import { PinPadEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { StaffPinEntry, staffPinRefusal } from './staff-login.js';

type Settings = NonNullable<KioskConfig['maintenance']>;
const settings = { pinLength: 6, staff: [] } as unknown as Settings;

/** lets the pad's answer to a key reach the log-in */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the staff PIN’s digit count while staff type it', () => {
  it('says how many digits are in, of how many, and nothing once the PIN is in', async () => {
    const pad = new PinPadEmulator();
    await pad.open();
    const entry = new StaffPinEntry();
    expect(entry.progress()).toBeNull();

    // an unknown staff card still takes a PIN: the pad does not tell which cards exist
    const refusal = staffPinRefusal(pad as unknown as DevicesService['pinPad'], settings, undefined, entry);
    await settle();
    expect(entry.progress()).toEqual({ entered: 0, length: 6 });
    for (const key of ['2', '4', '6'] as const) pad.press(key);
    expect(entry.progress()).toEqual({ entered: 3, length: 6 });
    pad.press('clear');
    expect(entry.progress()).toEqual({ entered: 0, length: 6 });
    for (const key of ['2', '4', '6', '8', '1', '0', '9'] as const) pad.press(key);
    expect(entry.progress()).toEqual({ entered: 6, length: 6 });
    pad.press('enter');

    expect(await refusal).toBe(ErrorCode.STAFF_LOGIN_FAILED);
    expect(entry.progress()).toBeNull();
  });

  it('forgets the count when the PIN is cancelled on the pad', async () => {
    const pad = new PinPadEmulator();
    await pad.open();
    const entry = new StaffPinEntry();
    const refusal = staffPinRefusal(pad as unknown as DevicesService['pinPad'], settings, undefined, entry);
    await settle();
    pad.press('1');
    expect(entry.progress()?.entered).toBe(1);
    pad.press('cancel');
    expect(await refusal).toBe(ErrorCode.PIN_ENTRY_CANCELLED);
    expect(entry.progress()).toBeNull();
  });
});

/**
 * The SZZT style PIN pad driver against the byte-level emulator over a pseudo terminal: a PIN
 * entered comes out as a `SecurePin` only, the key events carry counts only, one collection at a
 * time, and an offline pad refuses.
 */
import { inspect } from 'node:util';
import { ErrorCode } from '@kiosk/domain';
import { digitsOf, keypadOpen, pinOf, press, startEppRig, type EppRig } from './epp-rig.js';

describe('SZZT style PIN pad over a pseudo terminal', () => {
  let rig: EppRig;
  beforeEach(async () => {
    rig = await startEppRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('opens online, its keypad closed', () => {
    expect(rig.pad.status()).toMatchObject({ kind: 'pinPad', device: 'online', driver: 'epp-serial' });
    expect(rig.pad.status().fault).toBeUndefined();
    expect(rig.emulator.collecting).toBe(false);
  });

  it('collects a PIN as a SecurePin; the key events say how many digits, never which', async () => {
    const entry = rig.pad.collectPin({ length: 6 });
    await keypadOpen(rig);
    await press(rig, ['9', '3', '7', '1', '5', '2', 'enter']);
    const pin = pinOf(await entry);
    expect(digitsOf(pin)).toBe('937152');
    expect(rig.keys).toEqual([
      { kind: 'digit', entered: 1 },
      { kind: 'digit', entered: 2 },
      { kind: 'digit', entered: 3 },
      { kind: 'digit', entered: 4 },
      { kind: 'digit', entered: 5 },
      { kind: 'digit', entered: 6 },
      { kind: 'enter', entered: 6 },
    ]);
    const shown = [
      JSON.stringify(rig.keys),
      inspect(rig.keys),
      JSON.stringify(rig.pad.status()),
      String(pin),
    ];
    for (const text of shown) expect(text).not.toContain('937152');
    // the keypad was closed on the pad: its buffer wiped, a key now discarded
    expect(rig.emulator.collecting).toBe(false);
    expect(rig.emulator.press('1')).toBe(false);
  });

  it('clear empties the entry; enter before every digit is in is ignored; digits beyond the length are not taken', async () => {
    const entry = rig.pad.collectPin({ length: 4 });
    await keypadOpen(rig);
    await press(rig, ['1', '2', 'clear', '4', '3', '2']);
    rig.emulator.press('enter'); // three of four: a real pad beeps
    await press(rig, ['1']);
    expect(rig.emulator.press('9')).toBe(true); // fifth digit: the pad ignores it
    await press(rig, ['enter']);
    expect(digitsOf(pinOf(await entry))).toBe('4321');
    expect(rig.keys.map((k) => `${k.kind}:${k.entered}`)).toEqual([
      'digit:1',
      'digit:2',
      'clear:0',
      'digit:1',
      'digit:2',
      'digit:3',
      'enter:3',
      'digit:4',
      'enter:4',
    ]);
  });

  it('refuses a second collection while one runs with DEVICE_BUSY, the first going on', async () => {
    const first = rig.pad.collectPin({ length: 4 });
    await expect(rig.pad.collectPin({ length: 4 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await keypadOpen(rig);
    await press(rig, ['5', '6', '7', '8', 'enter']);
    expect(digitsOf(pinOf(await first))).toBe('5678');
    // and the next collection starts afresh
    const next = rig.pad.collectPin({ length: 4 });
    await keypadOpen(rig);
    await press(rig, ['0', '0', '0', '1', 'enter']);
    expect(digitsOf(pinOf(await next))).toBe('0001');
  });

  it('refuses a PIN length outside four to twelve digits, the keypad left closed', async () => {
    await expect(rig.pad.collectPin({ length: 3 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_PROTOCOL_ERROR,
    });
    expect(rig.emulator.collecting).toBe(false);
  });

  it('refuses with DEVICE_OFFLINE once closed', async () => {
    await rig.pad.close();
    await expect(rig.pad.collectPin({ length: 6 })).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    expect(rig.pad.status().device).toBe('offline');
  });
});

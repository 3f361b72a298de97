/**
 * How a PIN entry ends other than by a PIN, the real driver against the byte-level emulator over a
 * pseudo terminal: the key timer, the cancel key, the session's abort; and a key pressed while no
 * collection runs. Each closes the keypad on the pad (its buffer wiped) and gives no PIN.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { eppProtocol } from '../../src/pin-pad/epp-serial-road.js';
import { digitsOf, keyEvents, keypadOpen, pinOf, press, startEppRig, type EppRig } from './epp-rig.js';

/** Resolves once the pad's keypad was closed again (the driver closes it as an entry ends). */
async function keypadClosed(rig: EppRig): Promise<void> {
  await eventually(() => !rig.emulator.collecting, 'the keypad closed again', { withinMs: 5_000 });
}

describe('PIN entry ends', () => {
  let rig: EppRig;
  beforeEach(async () => {
    rig = await startEppRig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  describe('fault: key pressed with no collection running', () => {
    it('the emulated pad discards it, its keypad closed: nothing sent, no event, the next entry starts at nought', async () => {
      expect(rig.emulator.press('5')).toBe(false);
      expect(rig.emulator.press('enter')).toBe(false);
      const entry = rig.pad.collectPin({ length: 4 });
      await keypadOpen(rig);
      await press(rig, ['1', '2', '3', '4', 'enter']);
      expect(digitsOf(pinOf(await entry))).toBe('1234');
      expect(rig.keys[0]).toEqual({ kind: 'digit', entered: 1 });
    });

    it('key bytes from a pad that reports them with its keypad closed are discarded by the driver: no event, online', async () => {
      rig.emulator.sendRaw(
        Buffer.from([eppProtocol.EppKey.MASK, 0x37, eppProtocol.EppKey.ENTER, eppProtocol.EppKey.CANCEL]),
      );
      // a command after them: its answer is read after the stray bytes
      expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });
      expect(rig.keys).toEqual([]);
      const entry = rig.pad.collectPin({ length: 4 });
      await keypadOpen(rig);
      await press(rig, ['9', '8', '7', '6', 'enter']);
      expect(digitsOf(pinOf(await entry))).toBe('9876');
      expect(rig.keys[0]).toEqual({ kind: 'digit', entered: 1 });
    });
  });

  describe('fault: timeout', () => {
    it('no key within the time: timeout, no PIN, the keypad closed on the pad', async () => {
      // the key timer runs from the start and again from each key: the spec's steps before the
      // last key (the keypad's opening looked for, each key waited for over the line) must each
      // beat it, 25 to 60 ms at a load of 24 here, so not 300 ms a stalled worker can outlast
      const entry = rig.pad.collectPin({ length: 6, timeoutMs: 1_000 });
      await keypadOpen(rig);
      await press(rig, ['1', '2']);
      await expect(entry).resolves.toEqual({ result: 'timeout' });
      expect(rig.emulator.collecting).toBe(false);
      // what was typed is gone with the keypad: a key now is discarded
      expect(rig.emulator.press('3')).toBe(false);
    });
  });

  describe('fault: cancel', () => {
    it('the cancel key: cancelled, reported with the count, no PIN, the keypad closed', async () => {
      const entry = rig.pad.collectPin({ length: 6 });
      await keypadOpen(rig);
      await press(rig, ['5', '5', '5']);
      rig.emulator.press('cancel');
      await expect(entry).resolves.toEqual({ result: 'cancelled' });
      await keyEvents(rig, 4);
      expect(rig.keys[3]).toEqual({ kind: 'cancel', entered: 3 });
      await keypadClosed(rig);
      expect(rig.emulator.answered(eppProtocol.EppCommand.GET_PIN)).toBe(0);
    });

    it("the session's abort mid-entry: cancelled, the keypad closed on the pad, the next collection free", async () => {
      const abort = new AbortController();
      const entry = rig.pad.collectPin({ length: 6, signal: abort.signal });
      await keypadOpen(rig);
      await press(rig, ['7', '7']);
      abort.abort();
      await expect(entry).resolves.toEqual({ result: 'cancelled' });
      expect(rig.emulator.collecting).toBe(false);
      const next = rig.pad.collectPin({ length: 4 });
      await keypadOpen(rig);
      await press(rig, ['0', '4', '2', '6', 'enter']);
      expect(digitsOf(pinOf(await next))).toBe('0426');
    });

    it('an abort before the collection starts: cancelled at once, the keypad never opened', async () => {
      await expect(rig.pad.collectPin({ length: 6, signal: AbortSignal.abort() })).resolves.toEqual({
        result: 'cancelled',
      });
      expect(rig.emulator.answered('6')).toBe(0);
    });
  });

  it('a pad refusing to open its keypad (keys not loaded, E2) fails the entry DEVICE_HARDWARE_ERROR and reads hardwareError', async () => {
    rig.emulator.detach();
    rig.deviceEnd.once('data', () => {
      rig.deviceEnd.write(eppProtocol.encodeEppAnswer(eppProtocol.EppStatus.TMK_REQUIRED));
      rig.emulator.attach(rig.deviceEnd);
    });
    await expect(rig.pad.collectPin({ length: 6 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
    });
    expect(rig.pad.status()).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
  });
});

/**
 * Faults of the PIN pad's serial line, the real driver against the byte-level emulator over a
 * pseudo terminal: each ends in a coded outcome or is got over by sending the command again, no
 * PIN ever comes out of a broken entry, and no digit is in any error, event or status.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { eppProtocol } from '../../src/pin-pad/epp-serial-road.js';
import { digitsOf, keypadOpen, pinOf, press, SILENT_ANSWER_MS, startEppRig, type EppRig } from './epp-rig.js';

describe('PIN pad line faults', () => {
  let rig: EppRig;
  afterEach(async () => {
    await rig.stop();
  });

  describe('fault: torn frame', () => {
    it('the PIN answer arriving torn is asked again: the PIN, once, and the torn bytes never taken for keys', async () => {
      rig = await startEppRig();
      const entry = rig.pad.collectPin({ length: 6 });
      await keypadOpen(rig);
      await press(rig, ['1', '3', '5', '7', '9', '0']);
      rig.emulator.setFault({ kind: 'tornFrame', times: 1 });
      await press(rig, ['enter']);
      expect(digitsOf(pinOf(await entry))).toBe('135790');
      expect(rig.emulator.answered(eppProtocol.EppCommand.GET_PIN)).toBe(2);
      // half a frame holds digits and ETX-free text: none of it came out as a key press
      expect(rig.keys.map((k) => k.kind)).toEqual([
        'digit',
        'digit',
        'digit',
        'digit',
        'digit',
        'digit',
        'enter',
      ]);
      expect(rig.pad.status().device).toBe('online');
    });

    it('torn every time: DEVICE_PROTOCOL_ERROR, no PIN, the keypad closed and the pad online', async () => {
      rig = await startEppRig();
      const entry = rig.pad.collectPin({ length: 4 });
      await keypadOpen(rig);
      await press(rig, ['2', '4', '6', '8']);
      rig.emulator.setFault({ kind: 'tornFrame', times: 3 });
      await press(rig, ['enter']);
      const error = await entry.then(
        () => null,
        (e: unknown) => e as KioskError,
      );
      expect(error).toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
      expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toContain('2468');
      expect(rig.emulator.collecting).toBe(false);
      expect(rig.pad.status().device).toBe('online');
    });
  });

  describe('fault: bad check byte', () => {
    it('an answer with a wrong check byte is asked again: the PIN comes through', async () => {
      rig = await startEppRig();
      const entry = rig.pad.collectPin({ length: 6 });
      await keypadOpen(rig);
      await press(rig, ['8', '6', '4', '2', '0', '1']);
      rig.emulator.setFault({ kind: 'badCheckByte', times: 1 });
      await press(rig, ['enter']);
      expect(digitsOf(pinOf(await entry))).toBe('864201');
      expect(rig.emulator.answered(eppProtocol.EppCommand.GET_PIN)).toBe(2);
    });

    it("the keypad's opening answered with a wrong check byte: the start sent again, keys typed before its answer not counted (the pad wiped them), the PIN what was typed after", async () => {
      rig = await startEppRig();
      rig.emulator.setFault({ kind: 'badCheckByte', times: 1 });
      // typed the moment the keypad opened, as the spoiled answer travels: the start comes again
      // (after the driver read that answer) and wipes them
      const off = rig.emulator.onKeypadOpened(() => {
        off();
        expect(rig.emulator.press('6')).toBe(true);
        expect(rig.emulator.press('6')).toBe(true);
      });
      const entry = rig.pad.collectPin({ length: 4 });
      await eventually(() => rig.emulator.answered('6'), 'both 6 keys answered', {
        withinMs: 5_000,
        until: (answered) => answered >= 2,
      });
      await press(rig, ['3', '1', '4', '1', 'enter']);
      expect(digitsOf(pinOf(await entry))).toBe('3141');
      expect(rig.keys.map((k) => `${k.kind}:${k.entered}`)).toEqual([
        'digit:1',
        'digit:2',
        'digit:3',
        'digit:4',
        'enter:4',
      ]);
    });

    it('a command frame the pad finds spoiled (its answer E9) is sent again', async () => {
      rig = await startEppRig({ open: false });
      // the pad's side: the first frame is answered "incorrect data", the next by the emulator
      rig.emulator.detach();
      rig.deviceEnd.once('data', () => {
        rig.deviceEnd.write(eppProtocol.encodeEppAnswer(eppProtocol.EppStatus.BAD_DATA));
        rig.emulator.attach(rig.deviceEnd);
      });
      await rig.pad.open();
      expect(rig.emulator.answered(eppProtocol.EppCommand.CLOSE_KEYPAD)).toBe(1);
      expect(rig.pad.status().device).toBe('online');
    });
  });

  describe('fault: pad silent at open', () => {
    it('the open fails DEVICE_TIMEOUT, the pad reads offline, a collection is refused DEVICE_OFFLINE; it answers again and a self test brings it online', async () => {
      rig = await startEppRig({ open: false, pad: { answerTimeoutMs: SILENT_ANSWER_MS } });
      rig.emulator.setFault({ kind: 'noAnswer' });
      await expect(rig.pad.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
      expect(rig.pad.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_TIMEOUT },
      });
      await expect(rig.pad.collectPin({ length: 6 })).rejects.toMatchObject({
        code: ErrorCode.DEVICE_OFFLINE,
      });
      rig.emulator.setFault(null);
      expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });
      expect(rig.pad.status().fault).toBeUndefined();
    });
  });

  describe('fault: pad silent while idle', () => {
    it('the heartbeat finds it: offline before any resident asks, collections refused; answering again, a self test brings it back', async () => {
      rig = await startEppRig({ pad: { heartbeatMs: 50, answerTimeoutMs: SILENT_ANSWER_MS } });
      const offline = new Promise<void>((resolve) => {
        rig.pad.onStatus((s) => {
          if (s.device === 'offline') resolve();
        });
      });
      rig.emulator.setFault({ kind: 'noAnswer' });
      await offline;
      expect(rig.pad.status().fault?.code).toBe(ErrorCode.DEVICE_TIMEOUT);
      await expect(rig.pad.collectPin({ length: 6 })).rejects.toMatchObject({
        code: ErrorCode.DEVICE_OFFLINE,
      });
      rig.emulator.setFault(null);
      expect(await rig.pad.selfTest()).toMatchObject({ device: 'online' });
    });
  });

  describe('fault: cable pulled mid-entry', () => {
    it('the entry fails DEVICE_OFFLINE with no PIN, the pad reads offline, and nothing of the digits is in the error or the status', async () => {
      rig = await startEppRig();
      const entry = rig.pad.collectPin({ length: 6, timeoutMs: 60_000 });
      await keypadOpen(rig);
      await press(rig, ['4', '4', '1', '9']);
      rig.emulator.setFault({ kind: 'cablePulledDuringEntry' });
      expect(rig.emulator.press('7')).toBe(true);
      const error = await entry.then(
        () => null,
        (e: unknown) => e as KioskError,
      );
      expect(error).toBeInstanceOf(KioskError);
      expect(error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
      expect(rig.pad.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_OFFLINE },
      });
      const shown = JSON.stringify([error?.message, error?.details, rig.pad.status(), rig.keys]);
      expect(shown).not.toMatch(/4419/);
      expect(rig.keys).toEqual([1, 2, 3, 4].map((entered) => ({ kind: 'digit', entered })));
      // the pad is away: the next collection is refused, coded, not left waiting
      await expect(rig.pad.collectPin({ length: 6 })).rejects.toMatchObject({
        code: ErrorCode.DEVICE_OFFLINE,
      });
    });
  });
});

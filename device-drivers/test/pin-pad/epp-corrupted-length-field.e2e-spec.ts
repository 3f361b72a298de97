/**
 * Fault: an answer of the PIN pad whose length field came corrupted, over a real pseudo terminal
 * with the byte-level emulator on its far end (its `corruptedLength` fault: the length digits read
 * '999', the rest of the frame intact). The frame is one coded error, the command is sent again,
 * and nothing of the frame's rest (a status '0', a model, a PIN's hex digits, check digits) is ever
 * read as a key press: first on the PIN pad's serial line itself, whose key listener hears every
 * key (before the decoder's fix it heard the frame's digits), then through the driver in an entry.
 * The same fault over an in-memory stream: src/pin-pad/epp-corrupted-length-field.spec.ts.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import { EppSerialLine } from '../../src/pin-pad/epp-serial-line.js';
import { EppPinPadEmulator, eppProtocol, openEppSerialPort } from '../../src/pin-pad/epp-serial-road.js';
import type { EppKeyKind } from '../../src/pin-pad/epp.protocol.js';
import { digitsOf, keypadOpen, pinOf, press, RIG_TIMINGS, startEppRig, type EppRig } from './epp-rig.js';

const { EppCommand, EppStatus } = eppProtocol;

describe('fault: EPP corrupted length field, the serial line over a pseudo terminal', () => {
  let pty: PtyPair;
  let deviceEnd: Duplex;
  let line: EppSerialLine;
  let emulator: EppPinPadEmulator;
  const keys: EppKeyKind[] = [];

  beforeEach(async () => {
    keys.length = 0;
    pty = await createPtyPair();
    deviceEnd = await openEppSerialPort(pty.devicePath);
    emulator = new EppPinPadEmulator();
    emulator.attach(deviceEnd);
    line = new EppSerialLine(await openEppSerialPort(pty.hostPath), RIG_TIMINGS);
    line.onKey((key) => keys.push(key));
  });

  afterEach(async () => {
    emulator.detach();
    await line.close();
    await closeSerialStream(deviceEnd);
    await pty.close();
  });

  /** Resolves once a command sent after everything before it is answered (the keys told by then). */
  async function settled(): Promise<void> {
    expect((await line.transact(EppCommand.CLOSE_KEYPAD)).status).toBe(EppStatus.OK);
    await new Promise((resolve) => setImmediate(resolve));
  }

  it('every answer corrupted: one DEVICE_PROTOCOL_ERROR, and none of the frames read as key presses', async () => {
    emulator.setFault({ kind: 'corruptedLength', times: 3 });
    const error = await line.transact(EppCommand.DEVICE_INFO).then(
      () => null,
      (e: unknown) => e as KioskError,
    );
    expect(error).toBeInstanceOf(KioskError);
    expect(error?.code).toBe(ErrorCode.DEVICE_PROTOCOL_ERROR);
    expect(emulator.answered(EppCommand.DEVICE_INFO)).toBe(3);
    await settled();
    expect(keys).toEqual([]);
  });

  it('one answer corrupted: the command is asked again and its answer read, no key press told', async () => {
    emulator.setFault({ kind: 'corruptedLength', times: 1 });
    const answer = await line.transact(EppCommand.DEVICE_INFO);
    expect(answer.status).toBe(EppStatus.OK);
    expect(answer.data.toString('latin1')).toBe('ZT598 ');
    expect(emulator.answered(EppCommand.DEVICE_INFO)).toBe(2);
    await settled();
    expect(keys).toEqual([]);
  });
});

describe('fault: EPP corrupted length field, the driver in a PIN entry', () => {
  let rig: EppRig;
  afterEach(async () => {
    await rig.stop();
  });

  const pressed = ['digit:1', 'digit:2', 'digit:3', 'digit:4', 'enter:4'];

  it('the PIN answer corrupted once: asked again, the PIN once, only the keys pressed told', async () => {
    rig = await startEppRig();
    const entry = rig.pad.collectPin({ length: 4 });
    await keypadOpen(rig);
    await press(rig, ['2', '7', '1', '8']);
    rig.emulator.setFault({ kind: 'corruptedLength', times: 1 });
    await press(rig, ['enter']);
    expect(digitsOf(pinOf(await entry))).toBe('2718');
    expect(rig.emulator.answered(EppCommand.GET_PIN)).toBe(2);
    expect(rig.keys.map((k) => `${k.kind}:${k.entered}`)).toEqual(pressed);
  });

  it('the PIN answer corrupted every time: one DEVICE_PROTOCOL_ERROR, no PIN, no digit in it, the keypad closed, the pad online', async () => {
    rig = await startEppRig();
    const entry = rig.pad.collectPin({ length: 4 });
    await keypadOpen(rig);
    await press(rig, ['5', '7', '7', '2']);
    rig.emulator.setFault({ kind: 'corruptedLength', times: 3 });
    await press(rig, ['enter']);
    const error = await entry.then(
      () => null,
      (e: unknown) => e as KioskError,
    );
    expect(error).toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
    expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toContain('5772');
    expect(rig.emulator.answered(EppCommand.GET_PIN)).toBe(3);
    expect(rig.keys.map((k) => `${k.kind}:${k.entered}`)).toEqual(pressed);
    expect(rig.emulator.collecting).toBe(false);
    expect(rig.pad.status().device).toBe('online');
  });
});

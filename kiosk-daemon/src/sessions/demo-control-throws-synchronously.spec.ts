/**
 * Fault: the demo panel's controls threw their refusals synchronously (the PIN pad's key with no
 * PIN asked, a device without an emulator, a fault its emulator does not know, no cash or no card
 * at a slot, an ID card not among the demo's): a caller holding the promise, as the gateway's
 * dispatch does and `Promise.all` or `.catch` would, got an exception instead of an answer. Each
 * control now answers every refusal as a rejected promise with its code, and changes nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { CashDispenserEmulator, IdReaderEmulator, PinPadEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { demoPanelOver } from './demo-panel.spec-support.js';
import type { DemoService } from './demo.service.js';

const panel = (emulators: Record<string, unknown>) => demoPanelOver(emulators);

/** The control's answer, whether it threw or rejected: the fault is the throw. */
function answerOf(control: () => Promise<void>): Promise<void> {
  let answer: Promise<void>;
  try {
    answer = control();
  } catch (e) {
    return Promise.resolve().then(() => {
      throw new Error(`threw synchronously: ${(e as Error).message}`);
    });
  }
  return answer;
}

const cashDispenser = () =>
  new CashDispenserEmulator({
    cassettes: [{ id: 'upper', denominationFen: 10_000, count: 10, lowThreshold: 2, emptyThreshold: 0 }],
    retractBinCapacity: 10,
  });

describe('fault: a demo control throws synchronously', () => {
  it.each([
    [
      'a PIN pad key with no PIN asked',
      { pinPad: new PinPadEmulator() },
      (d: DemoService) => d.pinPadKey('1'),
      ErrorCode.DEVICE_BUSY,
    ],
    [
      'a PIN pad key with no pad emulated',
      {},
      (d: DemoService) => d.pinPadKey('1'),
      ErrorCode.GATEWAY_NOT_ALLOWED,
    ],
    [
      'a fault on a device without emulated faults',
      {},
      (d: DemoService) => d.fault('camera', 'offline'),
      ErrorCode.GATEWAY_NOT_ALLOWED,
    ],
    [
      'a fault its emulator does not know',
      { pinPad: new PinPadEmulator() },
      (d: DemoService) => d.fault('pinPad', 'badCheckByte'),
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    ],
    [
      'a face score with no camera emulated',
      {},
      (d: DemoService) => d.face(80),
      ErrorCode.GATEWAY_NOT_ALLOWED,
    ],
    [
      'cash taken with none at the slot',
      { cashDispenser: cashDispenser() },
      (d: DemoService) => d.takeCash(),
      ErrorCode.DEVICE_BUSY,
    ],
    [
      'an ID card not among the demo cards',
      { idReader: new IdReaderEmulator() },
      (d: DemoService) => d.idCard('place', 'nobody'),
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
    ],
    [
      'a new card taken with no card printer emulated',
      {},
      (d: DemoService) => d.takeNewCard(),
      ErrorCode.GATEWAY_NOT_ALLOWED,
    ],
    [
      'a virtual card with no card reader emulated',
      {},
      (d: DemoService) => d.card('take'),
      ErrorCode.GATEWAY_NOT_ALLOWED,
    ],
    ['a QR payment with none waiting', {}, (d: DemoService) => d.payQr(), ErrorCode.PAYMENT_NOT_FOUND],
  ] as const)('%s: a rejected, coded answer; nothing set', async (_, emulators, control, code) => {
    const { demo, notified } = panel(emulators);
    await expect(answerOf(() => control(demo))).rejects.toMatchObject({ code });
    expect(demo.state().faults).toEqual([]);
    expect(demo.state().faceScore).toBeUndefined();
    expect(notified).toEqual([]);
  });
});

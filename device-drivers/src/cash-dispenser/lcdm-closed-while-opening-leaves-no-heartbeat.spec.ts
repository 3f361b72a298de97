/**
 * The fault: a cash dispenser (LCDM) closed as its open's last answer was being acknowledged (the
 * daemon shutting down as it opens the dispenser, at boot, after its line came back or by its
 * reopen) went on opening after the close: the answer had come, so the open read the dispenser
 * opened and started the heartbeat, a timer that asked the closed line for a STATUS every
 * `heartbeatMs` for good and held the process open. Now an open (or a read back) that ends after
 * the close fails DEVICE_OFFLINE and starts nothing.
 *
 * The driver and the byte-level emulator on an in-memory line whose ACK writes complete only once
 * the spec has acted, so the close falls exactly there; the driver's timers on a simulated clock, so what it leaves is counted.
 */
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { ACK } from './cash-dispenser.protocol.js';
import { LcdmCashDispenser } from './lcdm-cash-dispenser.driver.js';
import { LcdmCashDispenserEmulator } from './lcdm-cash-dispenser.emulator.js';

const HEARTBEAT_MS = 3_000;

/**
 * An in-memory line, the emulator on its device end; `onAck` is told of each ACK the driver
 * sends, the n-th, and lets its write complete with `written()`.
 */
function heldAckLine(onAck: (n: number, written: () => void) => void): { host: Duplex; device: Duplex } {
  let acks = 0;
  const ends: { host?: Duplex; device?: Duplex } = {};
  const host = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      ends.device?.push(chunk);
      if (chunk.length === 1 && chunk[0] === ACK) onAck((acks += 1), () => done());
      else done();
    },
  });
  const device = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      host.push(chunk);
      done();
    },
  });
  Object.assign(ends, { host, device });
  return { host, device };
}

let emulator: LcdmCashDispenserEmulator | undefined;

beforeEach(() => {
  // streams and promises keep their real ticks; only the driver's and emulator's timers are simulated
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(() => {
  emulator?.close();
  emulator = undefined;
  jest.useRealTimers();
});

describe('fault: cash dispenser closed as its open ends', () => {
  it("closed as the open's last answer is acknowledged: the open fails DEVICE_OFFLINE, no heartbeat is left", async () => {
    let closing: Promise<void> | undefined;
    // the open asks STATUS, the ROM version and the presenter: its third ACK is its last
    const { host, device } = heldAckLine((n, written) => {
      if (n === 3) closing = driver.close();
      written();
    });
    emulator = new LcdmCashDispenserEmulator();
    emulator.attach(device);
    const driver = new LcdmCashDispenser(host, {
      cassettes: {
        upper: { denominationFen: 10_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
        lower: { denominationFen: 5_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      },
      heartbeatMs: HEARTBEAT_MS,
    });

    const opened = await driver.open().then(
      () => 'opened',
      (e: unknown) => KioskError.from(e).code,
    );
    await closing;

    expect(closing).toBeDefined();
    expect(opened).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(jest.getTimerCount()).toBe(0);
    expect(driver.status().device).toBe('offline');
  });
});

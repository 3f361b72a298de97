/**
 * Fault: an ID reader closed while its open looked at the pad (the daemon shutting down as it
 * opens the reader at boot, after the line came back or by its reopen of an offline device) kept
 * polling: the open's look, refused by the closed line, was swallowed, and the open went on to
 * start the card poll, a timer that asked the closed line every `cardPollMs` for good, told a
 * status each time and held the process open (a test run's worker force-exited). A line lost during
 * that look was polled the same way while down. Now an open that finds the reader closed or its
 * line lost when its look ends fails DEVICE_OFFLINE and starts no poll.
 *
 * The real driver and the byte-level emulator on a pseudo-terminal pair; the driver's timers on a
 * simulated clock, so what it leaves set is counted and its polls are let run without waiting.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { IdReaderCommand } from '../../src/id-reader/id-reader.protocol.js';
import { startGa467Rig, type Ga467Rig } from './ga467-rig.js';

/** the rig's card poll */
const POLL_MS = 20;

let rig: Ga467Rig | undefined;

beforeEach(async () => {
  rig = await startGa467Rig({ open: false, reader: { cardPollMs: POLL_MS } });
  // from here the driver's timers (answer waits, the card poll) run on the simulated clock
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  jest.useRealTimers();
  await rig?.stop();
  rig = undefined;
});

/** Runs `act` as the emulator answers the open's first look at the pad (the driver not yet read it). */
function atFirstLook(r: Ga467Rig, act: () => void): void {
  const off = r.emulator.onAnswered(([cmd, param]) => {
    if (cmd !== IdReaderCommand.FIND_CARD[0] || param !== IdReaderCommand.FIND_CARD[1]) return;
    off();
    act();
  });
}

/** The open's outcome: its error's code, or 'opened'. */
const outcome = (opening: Promise<void>) =>
  opening.then(
    () => 'opened',
    (e: unknown) => KioskError.from(e).code,
  );

/** Nothing of the reader runs on: no timer of it left, no status told over ten polls' time. */
async function expectNoPollLeft(r: Ga467Rig): Promise<void> {
  const told: DeviceStatus[] = [];
  r.reader.onStatus((s) => told.push(s));
  expect(jest.getTimerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(POLL_MS * 10);
  expect(told).toEqual([]);
}

describe('fault: ID reader closed, or its line lost, while its open looks at the pad', () => {
  it('closed: the open fails DEVICE_OFFLINE, no timer of the driver is left and it tells nothing more', async () => {
    const r = rig!;
    let closing: Promise<void> | undefined;
    atFirstLook(r, () => (closing = r.reader.close()));
    const opened = outcome(r.reader.open());
    expect(await opened).toBe(ErrorCode.DEVICE_OFFLINE);
    await closing;
    await expectNoPollLeft(r);
    expect(r.reader.status().device).toBe('offline');
  });

  it('line lost: the open fails DEVICE_OFFLINE and the line is not polled while it is down', async () => {
    const r = rig!;
    let hungUp: Promise<void> | undefined;
    const offline = new Promise<void>((resolve) => {
      const off = r.reader.onStatus((s) => {
        if (s.fault?.code !== ErrorCode.DEVICE_OFFLINE) return;
        off();
        resolve();
      });
    });
    // the self-check answered, the reader goes silent and is unplugged once the look reaches it
    const off = r.emulator.onAnswered(() => {
      off();
      r.emulator.setFault({ kind: 'noAnswer' });
      r.deviceEnd.once('data', () => (hungUp = closeSerialStream(r.deviceEnd).then(() => r.pty.close())));
    });
    const opened = outcome(r.reader.open());
    expect(await opened).toBe(ErrorCode.DEVICE_OFFLINE);
    await hungUp;
    await offline;
    await expectNoPollLeft(r);
    expect(r.reader.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
  });
});

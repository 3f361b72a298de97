/**
 * The reopen's schedule on a simulated clock (ADR 0020): a port that stays offline is asked after
 * the interval, then twice as long each time up to the bound; back online it starts over; a port
 * whose turn is taken or a session running is asked again an interval later; stopped, never again.
 * One fake port (a unit test of one unit); the real drivers are in serial-device-offline-at-boot
 * and tcp-printer-offline.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DevicePort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, OneAtATime } from '@kiosk/domain';
import { DeviceReopen } from './device-reopen.js';
import { FakeReaderPort } from './fake-reader-port.spec-support.js';

const TIMINGS = { intervalMs: 100, maxIntervalMs: 400 };

describe('DeviceReopen: the schedule of opens', () => {
  let port: FakeReaderPort;
  let sessionRuns: boolean;
  let turns: OneAtATime<DevicePort>;
  let reopen: DeviceReopen;
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    port = new FakeReaderPort();
    sessionRuns = false;
    turns = new OneAtATime<DevicePort>();
    reopen = new DeviceReopen([port], { timings: TIMINGS, sessionRuns: () => sessionRuns, turns });
  });
  afterEach(() => {
    reopen.stop();
    jest.useRealTimers();
  });

  it('a device that stays offline is opened after 100, then 200, 400 and 400 ms more: the backoff doubles up to its bound', async () => {
    reopen.start();
    await jest.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
    expect(port.opens).toEqual([100, 300, 700, 1100]);
  });

  it('a device back online is not opened again; gone offline again, the backoff starts over', async () => {
    reopen.start();
    await jest.advanceTimersByTimeAsync(300); // opened at 100 and 300, still silent
    port.answers = true;
    await jest.advanceTimersByTimeAsync(400); // opened at 700: online
    expect(port.opens).toEqual([100, 300, 700]);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(port.opens).toHaveLength(3);
    port.answers = false;
    port.set('offline'); // dropped at 2700
    await jest.advanceTimersByTimeAsync(300);
    expect(port.opens).toEqual([100, 300, 700, 2_800, 3_000]);
  });

  it('while a session runs, or a self test holds the device, no open: asked again an interval later, the backoff not counted', async () => {
    sessionRuns = true;
    reopen.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(port.opens).toEqual([]);
    sessionRuns = false;
    let endTest = (): void => undefined;
    const staffTest = turns.run(port, () => new Promise<void>((resolve) => (endTest = resolve)));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(port.opens).toEqual([]);
    endTest();
    await staffTest;
    await jest.advanceTimersByTimeAsync(100);
    expect(port.opens).toEqual([2_100]);
  });

  it('a device waiting for its PC/SC reader, or one online, is not opened; stopped, nothing is', async () => {
    port.missingReader = 'Chip station 00 00';
    reopen.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(port.opens).toEqual([]);
    port.missingReader = undefined;
    port.set('offline');
    reopen.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(port.opens).toEqual([]);
  });

  it('fault: a self test that throws is not swallowed unsaid: logged with its code, the backoff goes on', async () => {
    const said: string[] = [];
    reopen.stop();
    reopen = new DeviceReopen([port], {
      timings: TIMINGS,
      sessionRuns: () => false,
      turns,
      log: (message) => said.push(message),
    });
    let thrown = false;
    port.selfTest = async () => {
      port.opens.push(Date.now());
      if (!thrown) {
        thrown = true;
        throw new TypeError('a driver fault');
      }
      return port.status();
    };
    reopen.start();
    await jest.advanceTimersByTimeAsync(100 + 200);
    expect(port.opens).toEqual([100, 300]);
    expect(said).toEqual(['idReader could not be opened again: INTERNAL']);
  });

  it('fault: a self test that throws at every open is said once per code while it lasts, not at every open; its return says how long it was offline', async () => {
    const said: string[] = [];
    reopen.stop();
    reopen = new DeviceReopen([port], {
      timings: TIMINGS,
      sessionRuns: () => false,
      turns,
      log: (message) => said.push(message),
    });
    let fault: Error | undefined = new TypeError('a driver fault');
    port.selfTest = async () => {
      port.opens.push(Date.now());
      if (fault) throw fault;
      port.set('online');
      return port.status();
    };
    reopen.start();
    await jest.advanceTimersByTimeAsync(100 + 200 + 400 * 20); // 22 opens at the bound
    expect(port.opens.length).toBeGreaterThan(20);
    expect(said).toEqual(['idReader could not be opened again: INTERNAL']);
    fault = new KioskError(ErrorCode.DEVICE_TIMEOUT, 'no answer'); // another cause: said once too
    await jest.advanceTimersByTimeAsync(400 * 5);
    fault = undefined;
    await jest.advanceTimersByTimeAsync(400);
    expect(said).toEqual([
      'idReader could not be opened again: INTERNAL',
      'idReader could not be opened again: DEVICE_TIMEOUT',
      'idReader is back: online after 10 s offline', // offline since the start, 10.7 s
    ]);
  });
});

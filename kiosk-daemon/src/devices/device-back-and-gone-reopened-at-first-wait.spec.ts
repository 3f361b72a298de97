/**
 * Fault: a device that comes back and drops at once (a cable half in, a module rebooting in a
 * loop) had the reopen's backoff start over at every comeback, so it was opened at the first
 * wait's rate for as long as it flapped: each open a self test on its line, each comeback and drop
 * a status to every listener and the fleet. 563e856 gave the serial lines, the PC/SC links and the
 * fleet broker the rule; the daemon's reopen (ADR 0020) kept resetting. Now a device back starts
 * the backoff over only once it stayed up as long as the bound (`RetryBackoff.up`), whether the
 * reopen brought it back or its driver did. The reopen on a simulated clock, one fake port.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DevicePort } from '@kiosk/device-drivers';
import { OneAtATime } from '@kiosk/domain';
import { DeviceReopen } from './device-reopen.js';
import { FakeReaderPort } from './fake-reader-port.spec-support.js';

const TIMINGS = { intervalMs: 100, maxIntervalMs: 400 };

describe('DeviceReopen: a device that comes back and drops at once', () => {
  let port: FakeReaderPort;
  let reopen: DeviceReopen;
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    // its self test brings it online; 1 ms later it drops again
    port = new FakeReaderPort();
    port.answers = true;
    port.upForMs = 1;
    reopen = new DeviceReopen([port], {
      timings: TIMINGS,
      sessionRuns: () => false,
      turns: new OneAtATime<DevicePort>(),
    });
  });
  afterEach(() => {
    reopen.stop();
    jest.useRealTimers();
  });

  it('fault: opened again and dropping at once: the waits go on doubling to the bound, not the first wait every time', async () => {
    reopen.start();
    await jest.advanceTimersByTimeAsync(1_200);
    // back at 100, 301, 702, 1103, each gone 1 ms later: 200, 400, 400 ms waits after those drops
    expect(port.opens).toEqual([100, 301, 702, 1_103]);
  });

  it('fault: back by its own driver and dropping at once: the reopen keeps the wait it had reached', async () => {
    port.answers = false; // the opens find it silent
    reopen.start();
    await jest.advanceTimersByTimeAsync(300); // opened at 100 and 300: waits of 100 and 200
    port.upForMs = 1;
    port.comesBack(); // its line back by itself at 300, gone at 301
    await jest.advanceTimersByTimeAsync(1_000);
    expect(port.opens).toEqual([100, 300, 701, 1_101]);
  });

  it('back and up as long as the bound, then gone: the backoff starts over at the first wait', async () => {
    port.upForMs = 400;
    reopen.start();
    await jest.advanceTimersByTimeAsync(100 + 400 + 100);
    // back at 100, up 400 ms (the bound), gone at 500: opened again 100 ms later
    expect(port.opens).toEqual([100, 600]);
  });
});

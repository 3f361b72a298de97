/**
 * Fault: the daemon's serial ports that went away (a cable pulled for the night, a port missing at
 * boot) were opened again every second, for good: the LCDM's and the GA 467's lines had one fixed
 * wait. Now they are opened on the profile's reopen waits (devices.reopen, ADR 0020), as the
 * daemon's reopen of devices and the PC/SC links are: the first `firstIntervalMs` after the line
 * went, then twice as long up to `maxIntervalMs`. The daemon's serial devices on the real drivers,
 * their ports' opens counted (the port is not there), on a simulated clock.
 */
import type { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { loadGa467SerialRoad, loadLcdmSerialRoad } from '@kiosk/device-drivers';
import { startSerialDevices, type SerialDevices } from './serial-devices.js';
import { serialConfig } from './serial-profile.spec-support.js';

/** The profile's dispenser and ID reader on ports of their own, with the reopen's waits given. */
const realPortsConfig = (reopen: readonly string[]) =>
  serialConfig(reopen, {}, { cashDispenser: 'ttyUSB-dispenser', idReader: 'ttyUSB-id-reader' });

/** The real roads, their ports never there: when each was asked to open, by path. */
async function portsNotThere() {
  const asked = new Map<string, number[]>();
  const notThere = (path: string): Promise<Duplex> => {
    asked.set(path, [...(asked.get(path) ?? []), Date.now()]);
    return Promise.reject(new Error(`Error: No such file or directory, cannot open ${path}`));
  };
  const [lcdm, ga467] = await Promise.all([loadLcdmSerialRoad(), loadGa467SerialRoad()]);
  const roads = {
    lcdm: () => Promise.resolve({ ...lcdm, openLcdmSerialPort: notThere }),
    ga467: () => Promise.resolve({ ...ga467, openGa467SerialPort: notThere }),
  };
  return { asked, roads };
}

/** The waits from one open to the next. */
const gaps = (at: readonly number[]) => at.slice(1).map((t, i) => t - (at[i] ?? t));

let serial: SerialDevices | undefined;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  await serial?.cashDispenser?.port.close();
  await serial?.idReader?.port.close();
  serial = undefined;
  jest.useRealTimers();
});

describe("the daemon's serial ports that stay gone are opened again on the reopen's waits", () => {
  it('fault: serial port gone for long (cable pulled): opened after 5 s, then 10, 20, 40 s and at the 60 s bound, not every second', async () => {
    const { asked, roads } = await portsNotThere();
    serial = await startSerialDevices(realPortsConfig([]), () => undefined, undefined, roads);
    await jest.advanceTimersByTimeAsync(5_000 + 10_000 + 20_000 + 40_000 + 60_000 + 60_000);
    for (const path of ['ttyUSB-dispenser', 'ttyUSB-id-reader']) {
      // the open at boot, then the line's own tries
      expect(gaps(asked.get(path) ?? [])).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    }
  });

  it("a field engineer's waits hold for them: devices.reopen 2 s doubling to 4 s", async () => {
    const { asked, roads } = await portsNotThere();
    const reopen = ['devices.reopen.firstIntervalMs=2000', 'devices.reopen.maxIntervalMs=4000'];
    serial = await startSerialDevices(realPortsConfig(reopen), () => undefined, undefined, roads);
    await jest.advanceTimersByTimeAsync(2_000 + 4_000 + 4_000);
    expect(gaps(asked.get('ttyUSB-dispenser') ?? [])).toEqual([2_000, 4_000, 4_000]);
    expect(gaps(asked.get('ttyUSB-id-reader') ?? [])).toEqual([2_000, 4_000, 4_000]);
  });

  it('closed, a port that stays gone is opened no more and no timer of its line is left', async () => {
    const { asked, roads } = await portsNotThere();
    serial = await startSerialDevices(realPortsConfig([]), () => undefined, undefined, roads);
    await jest.advanceTimersByTimeAsync(5_000 + 10_000); // two tries each, the next one waiting
    await serial.cashDispenser?.port.close();
    await serial.idReader?.port.close();
    const tries = [...asked.values()].map((at) => at.length);

    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(120_000);
    expect([...asked.values()].map((at) => at.length)).toEqual(tries);
  });
});

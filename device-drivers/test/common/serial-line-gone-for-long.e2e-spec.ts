/**
 * Fault: a serial line that stayed gone was opened again every second, for good (a USB serial
 * adapter pulled, the device off for the night). Now the cash dispenser's and the ID reader's
 * lines back off (ADR 0020, common/line-reconnect.ts): the first try `reconnectMs` after the line
 * hung up, then twice as long while the port is not there, up to `maxReconnectMs`; the device
 * plugged back in is found on the next try, and a driver closed tries no more. Real pseudo
 * terminals, the byte-level emulators on their far ends (replug-line.ts); the waits on a
 * simulated clock in src/common/line-reopened-every-second.spec.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../../src/common/device-port.js';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import {
  Ga467IdReader,
  Ga467IdReaderEmulator,
  openGa467SerialPort,
} from '../../src/id-reader/ga467-serial-road.js';
import { RIG_CASSETTES, RIG_TIMINGS as LCDM_TIMINGS } from '../cash-dispenser/lcdm-rig.js';
import { RIG_TIMINGS as GA467_TIMINGS } from '../id-reader/ga467-rig.js';
import { replugLine, type LineDevice, type ReplugLine } from './replug-line.js';
import { SOON_MS, statusWhere, statusWithin } from './status-where.js';

interface Driver {
  open(): Promise<unknown>;
  close(): Promise<void>;
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
}

/** the line's waits here: 100 ms, doubling to 400 ms */
const WAITS = { reconnectMs: 100, maxReconnectMs: 400 };

interface Rig {
  readonly name: string;
  readonly open: (path: string) => Promise<Duplex>;
  device(): LineDevice;
  driver(line: Duplex, reopen: () => Promise<Duplex>): Driver;
}

const RIGS: readonly Rig[] = [
  {
    name: 'cash dispenser (LCDM)',
    open: openLcdmSerialPort,
    device: () => new LcdmCashDispenserEmulator(),
    driver: (line, reopen) =>
      new LcdmCashDispenser(line, {
        cassettes: RIG_CASSETTES,
        ackTimeoutMs: LCDM_TIMINGS.ackTimeoutMs,
        responseTimeoutMs: LCDM_TIMINGS.responseTimeoutMs,
        heartbeatMs: 0,
        reopen,
        ...WAITS,
      }),
  },
  {
    name: 'ID reader (GA 467)',
    open: openGa467SerialPort,
    device: () => new Ga467IdReaderEmulator(),
    driver: (line, reopen) =>
      new Ga467IdReader(line, {
        answerTimeoutMs: GA467_TIMINGS.answerTimeoutMs,
        cardPollMs: 0,
        reopen,
        ...WAITS,
      }),
  },
];

/** Resolves once `done()` holds, looked at every 5 ms, or rejects after `ms`. */
function until(done: () => boolean, ms = 15_000): Promise<void> {
  const by = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const look = () =>
      done() ? resolve() : Date.now() > by ? reject(new Error('never came')) : setTimeout(look, 5);
    look();
  });
}

describe.each(RIGS)('fault: serial line gone for long: $name', (rig) => {
  let line: ReplugLine | undefined;
  let driver: Driver | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await line?.close();
    line = undefined;
  });

  it('fault: line gone for long: reopened with backoff (100, 200, 400, 400 ms), not every interval; found once plugged back in; no try after close', async () => {
    line = await replugLine({ openDeviceEnd: rig.open, openHostEnd: rig.open }, rig.device());
    const plugged = line;
    const tried: number[] = [];
    const reopen = () => {
      tried.push(performance.now());
      return plugged.openHostEnd();
    };
    driver = rig.driver(await plugged.openHostEnd(), reopen);
    await driver.open();
    // when the driver saw the line go: it says offline as it sees it, then sets its first wait
    let lostAt = Number.NaN;
    const stopWatching = driver.onStatus((s) => {
      if (s.device === 'offline' && Number.isNaN(lostAt)) lostAt = performance.now();
    });
    const offline = statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp(); // the pair is gone: its path opens no more
    expect(await offline).toMatchObject({ fault: { code: ErrorCode.DEVICE_OFFLINE } });
    stopWatching();

    await until(() => tried.length >= 5);
    const at = [lostAt, ...tried];
    const gaps = at.slice(1, 6).map((t, i) => Math.round(t - (at[i] ?? t)));
    // each wait about as long as the backoff says, the first counted from the offline the driver
    // said as it saw the line go (not from the hang-up's end seen here: the pair's ends close on
    // other threads, and a loaded machine can run the first wait down meanwhile). Not to the
    // millisecond: a timer is due its wait after the event loop's clock as it was set, which on a
    // busy machine lags the moment seen here by however long that turn of the loop ran; three
    // quarters of a wait still tells each doubling from the wait before it (100, 200, 400), the
    // first given 20 ms more for the turn that saw the line go
    const waits = [100 - 20, 200, 400, 400, 400];
    expect(gaps.map((gap, i) => gap >= (waits[i] ?? 0) * 0.75)).toEqual(waits.map(() => true));

    const online = statusWhere(driver, (s) => s.device === 'online');
    await plugged.plugIn();
    expect((await online).fault).toBeUndefined();

    const offlineAgain = statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp();
    expect((await offlineAgain).device).toBe('offline');
    const triesBeforeClose = tried.length;
    await until(() => tried.length > triesBeforeClose); // tried again after the second hang-up
    await driver.close();
    driver = undefined;
    const made = tried.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past the next waits (200, 400 ms)
    expect(tried).toHaveLength(made);
  });
});

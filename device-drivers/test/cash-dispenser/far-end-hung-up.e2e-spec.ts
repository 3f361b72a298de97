/**
 * Fault: the far end of the serial line hung up (the pseudo terminal's other side closed, a USB
 * serial adapter pulled, the dispenser's power cut). A hung-up port reads zero bytes, and the
 * stock `serialport` binding read again at once, in a loop, so the driver learnt nothing until
 * its next write failed. Now the end of file closes the port at once: the driver reports
 * DEVICE_OFFLINE without sending anything, and with `reopen` it comes back online when the line
 * does.
 *
 * When the hang-up comes matters. The stock binding does notice one that finds its read parked
 * on the poller (libuv reports the hung-up terminal's POLLERR as EBADF, a disconnect), and the
 * LCDM host always has the last word of a transaction (its ACK of the answer), so a dispenser
 * line that hangs up while idle ended even without the fix. The loop starts when the hang-up
 * falls between two reads: a byte arrives (a dispenser losing power glitches its TX line, an
 * adapter pulled as an answer comes) and the line is gone before the next read. These specs
 * hang up at exactly that point: as the byte reaches the kiosk's end of the line.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
  type LcdmCashDispenserOptions,
} from '../../src/cash-dispenser/index.js';
import { destroyStream } from '../../src/cash-dispenser/lcdm-serial-line.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import { statusWhere } from '../common/status-where.js';
import { YUAN } from './lcdm-rig.js';

const options: LcdmCashDispenserOptions = {
  cassettes: {
    upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  },
  ackTimeoutMs: 150,
  responseTimeoutMs: 400,
  heartbeatMs: 0, // nothing is sent to find out: the hang-up alone must take the line down
};

/** the wait for what must come at once: ample on a loaded machine; without the fix it never comes */
const SOON_MS = 5_000;

/** A stray byte from the dispenser, like the glitch of its TX line as its power goes. */
const GLITCH = Uint8Array.of(0xff);

/** The emulated dispenser on the far end of a line, as when its adapter is plugged (back) in. */
interface Line {
  readonly pair: PtyPair;
  /** the dispenser's end (the emulator's port) */
  readonly deviceEnd: Duplex;
}

describe('fault: far end of the serial line hung up', () => {
  let emulator: LcdmCashDispenserEmulator;
  const lines: Line[] = [];
  let driver: LcdmCashDispenser | undefined;
  beforeEach(() => {
    emulator = new LcdmCashDispenserEmulator();
  });

  const plugIn = async (): Promise<Line> => {
    const pair = await createPtyPair();
    const deviceEnd = await openLcdmSerialPort(pair.devicePath);
    emulator.attach(deviceEnd);
    const line = { pair, deviceEnd };
    lines.push(line);
    return line;
  };

  /** A glitch byte, and the line hangs up the moment the byte reaches `hostEnd`, the driver's port. */
  const glitchAndHangUp = (line: Line, hostEnd: Duplex): void => {
    emulator.detach();
    hostEnd.once('data', () => void line.pair.close());
    line.deviceEnd.write(GLITCH);
  };

  /** The first status that passes `accept`, or the one the driver still shows after `ms`. */
  const statusWithin = (
    device: LcdmCashDispenser,
    accept: (s: DeviceStatus) => boolean,
    ms: number,
  ): Promise<DeviceStatus> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<DeviceStatus>((resolve) => {
      timer = setTimeout(() => resolve(device.status()), ms);
    });
    return Promise.race([statusWhere(device, accept), late]).finally(() => clearTimeout(timer));
  };

  afterEach(async () => {
    emulator.detach();
    await driver?.close();
    driver = undefined;
    for (const line of lines.splice(0)) {
      await destroyStream(line.deviceEnd);
      await line.pair.close();
    }
  });

  it('a stray byte, then the hang-up: the dispenser offline with DEVICE_OFFLINE at once, without a command or heartbeat', async () => {
    const line = await plugIn();
    const hostEnd = await openLcdmSerialPort(line.pair.hostPath);
    driver = new LcdmCashDispenser(hostEnd, options);
    await driver.open();
    expect(driver.status().device).toBe('online');

    glitchAndHangUp(line, hostEnd); // the driver sends nothing after this
    const status = await statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
    expect(status).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
    await expect(driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });

  it('reconnects and comes back online when the line comes back', async () => {
    let current = await plugIn();
    const hostEnd = await openLcdmSerialPort(current.pair.hostPath);
    driver = new LcdmCashDispenser(hostEnd, {
      ...options,
      reconnectMs: 20,
      reopen: () => openLcdmSerialPort(current.pair.hostPath),
    });
    await driver.open();

    glitchAndHangUp(current, hostEnd); // unplugged: reopening the old path now fails, and is tried again
    const offline = await statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
    expect(offline).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });

    const online = statusWhere(driver, (s) => s.device === 'online');
    current = await plugIn();
    const back = await online;
    expect(back.fault).toBeUndefined();
    const result = await driver.dispense(100 * YUAN);
    expect(result).toMatchObject({ result: 'dispensed', amountFen: 100 * YUAN });
  });

  it.each([
    ['while the line is down', true],
    ['once it is back', false],
  ])(
    'notes waiting at the slot as the line hangs up, taken %s: the take is reported when the line is back',
    async (_when, whileDown) => {
      let current = await plugIn();
      const hostEnd = await openLcdmSerialPort(current.pair.hostPath);
      driver = new LcdmCashDispenser(hostEnd, {
        ...options,
        takenPollMs: 20,
        reconnectMs: 20,
        reopen: () => openLcdmSerialPort(current.pair.hostPath),
      });
      await driver.open();
      await driver.dispense(100 * YUAN);
      await driver.present();
      const taken: number[] = [];
      driver.onCashTaken((e) => taken.push(e.amountFen));

      glitchAndHangUp(current, hostEnd);
      await statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
      if (whileDown) expect(emulator.takeCash()).toBe(true);
      const online = statusWhere(driver, (s) => s.device === 'online');
      current = await plugIn();
      await online;
      if (!whileDown) expect(emulator.takeCash()).toBe(true);

      const empty = await statusWithin(driver, () => driver?.presenter().state === 'empty', SOON_MS);
      expect(empty.device).toBe('online');
      expect(driver.presenter().state).toBe('empty');
      expect(taken).toEqual([100 * YUAN]);
    },
  );
});

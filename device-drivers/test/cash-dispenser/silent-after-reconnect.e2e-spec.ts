/**
 * Fault: the dispenser's line is back but the dispenser does not answer at once (its adapter
 * plugged back in while its firmware still boots). With the heartbeat off, one open that met the
 * silence left it offline until a self-test; now the driver opens it again, a bounded number of
 * times (`restoreAttempts`, `restoreRetryMs` apart), and then sends nothing more of its own.
 */
import type { Duplex } from 'node:stream';
import { eventually } from '@kiosk/domain/testing';
import { ErrorCode } from '@kiosk/domain';
import { type LcdmCashDispenserOptions } from '../../src/cash-dispenser/index.js';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { LcdmCommand, LcdmFrameDecoder } from '../../src/cash-dispenser/cash-dispenser.protocol.js';
import { replugLine, type ReplugLine } from '../common/replug-line.js';
import { SOON_MS, statusWhere, statusWithin } from '../common/status-where.js';
import { RIG_CASSETTES, RIG_TIMINGS, SILENT_ACK_MS, YUAN } from './lcdm-rig.js';

const options: LcdmCashDispenserOptions = {
  cassettes: RIG_CASSETTES,
  ackTimeoutMs: SILENT_ACK_MS, // a silent dispenser costs 3 of these per open
  responseTimeoutMs: RIG_TIMINGS.responseTimeoutMs,
  heartbeatMs: 0, // the default: nothing polls the dispenser while idle
  reconnectMs: 20,
  restoreAttempts: 3,
  restoreRetryMs: 50,
};

describe('fault: the dispenser is silent when its line comes back', () => {
  let emulator: LcdmCashDispenserEmulator;
  let line: ReplugLine | undefined;
  let driver: LcdmCashDispenser | undefined;
  /** STATUS commands that reached the dispenser's end of the line, on every plug-in */
  let statusQueries = 0;

  beforeEach(async () => {
    emulator = new LcdmCashDispenserEmulator();
    statusQueries = 0;
    const device = {
      attach: (deviceEnd: Duplex) => {
        emulator.attach(deviceEnd);
        const commands = new LcdmFrameDecoder('command');
        deviceEnd.on('data', (chunk: Buffer) => {
          for (const item of commands.push(chunk))
            if (item.type === 'frame' && item.frame.cmd === LcdmCommand.STATUS) statusQueries += 1;
        });
      },
      detach: () => emulator.detach(),
    };
    line = await replugLine({ openDeviceEnd: openLcdmSerialPort, openHostEnd: openLcdmSerialPort }, device);
    const plugged = line;
    driver = new LcdmCashDispenser(await plugged.openHostEnd(), {
      ...options,
      reopen: () => plugged.openHostEnd(),
    });
    await driver.open();
  });
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    await line?.close();
    line = undefined;
  });

  /** The line hangs up and comes back with a dispenser that does not answer yet. */
  async function backSilent(dispenser: LcdmCashDispenser): Promise<void> {
    const offline = statusWithin(dispenser, (s) => s.device === 'offline', SOON_MS);
    await line!.hangUp();
    expect((await offline).fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    emulator.setFault({ kind: 'noAnswer' });
    const silent = statusWhere(dispenser, (s) => s.fault?.code === ErrorCode.DEVICE_TIMEOUT);
    await line!.plugIn();
    expect((await silent).device).toBe('offline');
  }

  it('comes back online once the dispenser answers, without a heartbeat or a self-test', async () => {
    const dispenser = driver!;
    await backSilent(dispenser);

    emulator.setFault(null); // the dispenser has booted
    const online = await statusWithin(dispenser, (s) => s.device === 'online', SOON_MS);
    expect(online.device).toBe('online');
    expect(online.fault).toBeUndefined();
    await expect(dispenser.dispense(100 * YUAN)).resolves.toMatchObject({ result: 'dispensed' });
  });

  it('stops asking after restoreAttempts opens; a self-test then finds it', async () => {
    const dispenser = driver!;
    const before = statusQueries;
    await backSilent(dispenser);

    // each open sends STATUS as many times as the line tries a command (3): 3 opens, 9 sends
    const sends = 3 * 3;
    await eventually(() => statusQueries - before, `${sends} STATUS sends`, {
      withinMs: SOON_MS + sends * options.ackTimeoutMs!,
      everyMs: 20,
      until: (sent) => sent >= sends,
    });
    expect(statusQueries - before).toBe(sends);
    await sleep(10 * options.restoreRetryMs! + 3 * options.ackTimeoutMs!);
    expect(statusQueries - before).toBe(sends);
    expect(dispenser.status().device).toBe('offline');

    emulator.setFault(null);
    await expect(dispenser.selfTest()).resolves.toMatchObject({ device: 'online' });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Fault: the far end of the serial line hung up (the pseudo terminal's other side closed, a USB
 * serial adapter pulled). The port then reads zero bytes, and the stock `serialport` binding
 * read again at once, in a loop, so the driver learnt nothing until its next write failed. Now
 * the end of file closes the port at once: the driver reports DEVICE_OFFLINE without sending
 * anything, and with `reopen` it comes back online when the line does.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/index.js';
import { destroyStream } from '../../src/cash-dispenser/lcdm-serial-line.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import { statusWhere } from '../common/status-where.js';
import { startLcdmRig, YUAN, type LcdmRig } from './lcdm-rig.js';

describe('fault: far end of the serial line hung up', () => {
  let rig: LcdmRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('reports the dispenser offline with DEVICE_OFFLINE at once, without a command or heartbeat', async () => {
    rig = await startLcdmRig({ driver: { heartbeatMs: 0 } });
    const offline = statusWhere(rig.driver, (s) => s.device === 'offline');
    await rig.pty.close(); // the line's far end hangs up; the driver sends nothing after this
    const status = await offline;
    expect(status.fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    await expect(rig.driver.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  });

  it('reconnects and comes back online when the line comes back', async () => {
    const cassettes = {
      upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    };
    const pairs: PtyPair[] = [];
    const deviceEnds: Duplex[] = [];
    const emulator = new LcdmCashDispenserEmulator();
    /** a line with the emulator on its far end, as when the adapter is plugged (back) in */
    const plugIn = async () => {
      const pair = await createPtyPair();
      pairs.push(pair);
      const deviceEnd = await openLcdmSerialPort(pair.devicePath);
      deviceEnds.push(deviceEnd);
      emulator.attach(deviceEnd);
      return pair;
    };
    let current = await plugIn();
    const driver = new LcdmCashDispenser(await openLcdmSerialPort(current.hostPath), {
      cassettes,
      ackTimeoutMs: 150,
      responseTimeoutMs: 400,
      reconnectMs: 20,
      reopen: () => openLcdmSerialPort(current.hostPath),
    });
    try {
      await driver.open();
      const offline = statusWhere(driver, (s) => s.device === 'offline');
      emulator.detach();
      await current.close(); // unplugged: reopening the old path now fails, and is tried again
      expect((await offline).fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);

      const online = statusWhere(driver, (s) => s.device === 'online');
      current = await plugIn();
      const back = await online;
      expect(back.fault).toBeUndefined();
      const result = await driver.dispense(100 * YUAN);
      expect(result).toMatchObject({ result: 'dispensed', amountFen: 100 * YUAN });
    } finally {
      emulator.detach();
      await driver.close();
      for (const end of deviceEnds) await destroyStream(end);
      for (const pair of pairs) await pair.close();
    }
  });
});

/**
 * Fault: the far end of a serial receipt printer's line hung up. The port read zero bytes in a
 * loop and the driver heard nothing until it next wrote; now the port closes at once and the
 * driver reports the printer offline without printing or polling, then reconnects through its
 * connector when the line is back. The line hangs up as a stray byte reaches the kiosk's end,
 * where the stock binding misses it (replug-line.ts).
 */
import { ErrorCode } from '@kiosk/domain';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  serialPrinterConnector,
} from '../../src/receipt-printer/index.js';
import { replugLine } from '../common/replug-line.js';
import { RIG_STATUS_TIMEOUT_MS } from './escpos-tcp-rig.js';
import { SOON_MS, statusWithin } from '../common/status-where.js';

const openPrinterPort = (path: string) => serialPrinterConnector(path)();

describe('fault: far end of the serial receipt printer line hung up', () => {
  it('reports the printer offline at once, and online again through the connector once the line is back', async () => {
    const emulator = new EscposPrinterEmulator();
    const line = await replugLine({ openDeviceEnd: openPrinterPort, openHostEnd: openPrinterPort }, emulator);
    // the rig's status answer time, ample on a loaded machine: no timing here decides a hang-up
    const driver = new EscposPrinterDriver({
      connect: () => line.openHostEnd(),
      idlePollMs: 0,
      statusTimeoutMs: RIG_STATUS_TIMEOUT_MS,
    });
    try {
      await driver.open();
      expect(driver.status().device).toBe('online');
      const offline = statusWithin(driver, (s) => s.device === 'offline', SOON_MS);
      await line.hangUp(); // nothing is printed or polled after this
      expect((await offline).device).toBe('offline');
      await expect(driver.refreshStatus()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });

      await line.plugIn();
      expect((await driver.refreshStatus()).device).toBe('online');
    } finally {
      await driver.close();
      await emulator.close();
      await line.close();
    }
  });
});

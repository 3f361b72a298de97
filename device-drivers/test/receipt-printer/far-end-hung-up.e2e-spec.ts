/**
 * Fault: the far end of a serial receipt printer's line hung up. The port read zero bytes in a
 * loop and the driver heard nothing until it next wrote; now the port closes at once and the
 * driver reports the printer offline without printing or polling, then reconnects through its
 * connector when the line is back.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  serialPrinterConnector,
} from '../../src/receipt-printer/index.js';
import { statusWhere } from '../common/status-where.js';

describe('fault: far end of the serial receipt printer line hung up', () => {
  it('reports the printer offline at once, and online again through the connector once the line is back', async () => {
    const pairs: PtyPair[] = [];
    const deviceEnds: Duplex[] = [];
    const emulator = new EscposPrinterEmulator();
    const plugIn = async () => {
      const pair = await createPtyPair();
      pairs.push(pair);
      const deviceEnd = await serialPrinterConnector(pair.devicePath)();
      deviceEnds.push(deviceEnd);
      emulator.attach(deviceEnd);
      return pair;
    };
    let current = await plugIn();
    const driver = new EscposPrinterDriver({
      connect: (signal) => serialPrinterConnector(current.hostPath)(signal),
      idlePollMs: 0,
    });
    try {
      await driver.open();
      expect(driver.status().device).toBe('online');
      const offline = statusWhere(driver, (s) => s.device === 'offline');
      await current.close(); // nothing is printed or polled after this
      await offline;
      await expect(driver.refreshStatus()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });

      current = await plugIn();
      expect((await driver.refreshStatus()).device).toBe('online');
    } finally {
      await driver.close();
      await emulator.close();
      for (const end of deviceEnds) await closeSerialStream(end);
      for (const pair of pairs) await pair.close();
    }
  });
});

/**
 * Fault: the card printer's connection errors named the receipt printer. The printer connectors
 * serve both printers, and their errors said "The receipt printer cannot be reached." whichever
 * printer called them: a card printer switched off or unplugged was logged, thrown to field staff's
 * self test and journaled as the receipt printer, and staff went to the wrong device. Now the
 * driver calling a connector says which printer it is and the error names that one. The real
 * drivers on loopback TCP ports nothing listens on (a printer switched off), a stream already
 * closed, and a serial port that does not exist.
 */
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { ErrorCode } from '@kiosk/domain';
import { EscposPrinterDriver } from '../receipt-printer/escpos-printer.driver.js';
import {
  type PrinterConnector,
  serialPrinterConnector,
  streamPrinterConnector,
  tcpPrinterConnector,
} from '../receipt-printer/printer-connectors.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';

/** A loopback port nothing listens on any more (the printer switched off). */
async function switchedOffPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a printer that cannot be reached is named as the printer it is', () => {
  it('fault: card printer switched off: its open fails DEVICE_OFFLINE naming the card printer, not the receipt printer', async () => {
    const port = await switchedOffPort();
    const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector('127.0.0.1', port) });
    await expect(driver.open()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'The card printer cannot be reached.',
      details: { port },
    });
    expect(driver.status().device).toBe('offline');
    await driver.close();
  });

  it('fault: card printer on a stream already closed: the card printer connection is closed', async () => {
    const stream = new PassThrough();
    stream.destroy();
    const driver = new EvolisCardPrinterDriver({ connect: streamPrinterConnector(stream) });
    await expect(driver.open()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'The card printer connection is closed.',
    });
    await driver.close();
  });

  it('fault: card printer on a serial port that does not exist: the card printer cannot be reached', async () => {
    const path = '/dev/no-such-card-printer-port';
    const driver = new EvolisCardPrinterDriver({ connect: serialPrinterConnector(path) });
    await expect(driver.open()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'The card printer cannot be reached.',
      details: { path },
    });
    await driver.close();
  });

  it('the receipt printer switched off is still named the receipt printer', async () => {
    const port = await switchedOffPort();
    const tcp = tcpPrinterConnector('127.0.0.1', port);
    const refused: unknown[] = [];
    const connect: PrinterConnector = (signal, printer) =>
      tcp(signal, printer).catch((e: unknown) => {
        refused.push(e);
        throw e;
      });
    const driver = new EscposPrinterDriver({ connect });
    await driver.open().catch(() => undefined); // the receipt printer reads offline rather than throw
    expect(driver.status().device).toBe('offline');
    expect(refused[0]).toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'The receipt printer cannot be reached.',
    });
    await driver.close();
  });
});

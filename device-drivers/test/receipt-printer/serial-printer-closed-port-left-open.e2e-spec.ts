/**
 * Fault: a receipt printer on a serial port, closed, left its port open: the driver destroyed the
 * stream, which for a serial port leaves its file descriptor open and the port locked, so every
 * close leaked a descriptor, and a driver opened again on the same port (the daemon's devices
 * built again in the same process) could not reach the printer ("Cannot lock port"). Now closing
 * the driver closes the port. The real driver and the byte-level emulator on a pseudo-terminal
 * pair, both ends through `serialport`.
 */
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  serialPrinterConnector,
} from '../../src/receipt-printer/index.js';
import { RIG_STATUS_TIMEOUT_MS } from './escpos-tcp-rig.js';

let pair: PtyPair | undefined;
let deviceEnd: Duplex | undefined;
let emulator: EscposPrinterEmulator | undefined;
const drivers: EscposPrinterDriver[] = [];

afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.close();
  await emulator?.close();
  if (deviceEnd) await closeSerialStream(deviceEnd);
  await pair?.close();
  pair = deviceEnd = emulator = undefined;
});

/** A driver on the kiosk's end of the pair (the port the daemon's config names). */
function driverOnPort(hostPath: string): EscposPrinterDriver {
  const driver = new EscposPrinterDriver({
    connect: serialPrinterConnector(hostPath),
    idlePollMs: 0,
    statusTimeoutMs: RIG_STATUS_TIMEOUT_MS,
  });
  drivers.push(driver);
  return driver;
}

describe('fault: a serial receipt printer closed left its port open', () => {
  it('closed, its port is free: a driver opened again on it reaches the printer', async () => {
    pair = await createPtyPair();
    deviceEnd = await serialPrinterConnector(pair.devicePath)();
    emulator = new EscposPrinterEmulator();
    emulator.attach(deviceEnd);

    const first = driverOnPort(pair.hostPath);
    await first.open();
    expect(first.status().device).toBe('online');
    await first.close();

    const again = driverOnPort(pair.hostPath);
    await expect(again.refreshStatus()).resolves.toMatchObject({ device: 'online' });
  });
});

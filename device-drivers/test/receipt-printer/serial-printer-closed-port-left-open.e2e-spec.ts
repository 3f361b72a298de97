/**
 * Fault: a receipt printer on a serial port, closed, left its port open: the driver destroyed the
 * stream, which for a serial port leaves its file descriptor open and the port locked, so every
 * close leaked a descriptor, and a driver opened again on the same port (the daemon's devices
 * built again in the same process) could not reach the printer ("Cannot lock port"). Now closing
 * the driver closes the port. And a driver closed while it connected (the daemon shutting down as
 * it opens the printer) kept the port its connect opened after, read online and started its idle
 * poll; now that open fails DEVICE_OFFLINE and the port is closed. The real driver and the
 * byte-level emulator on a pseudo-terminal pair, both ends through `serialport`.
 */
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
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
function driverOnPort(hostPath: string, idlePollMs = 0): EscposPrinterDriver {
  const driver = new EscposPrinterDriver({
    connect: serialPrinterConnector(hostPath),
    idlePollMs,
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

  it('closed while it opens: the open fails DEVICE_OFFLINE and the port it was opening is free', async () => {
    pair = await createPtyPair();
    deviceEnd = await serialPrinterConnector(pair.devicePath)();
    emulator = new EscposPrinterEmulator();
    emulator.attach(deviceEnd);

    const first = driverOnPort(pair.hostPath, 20); // its idle poll would reconnect
    const opening = first.open().then(
      () => 'opened',
      (e: unknown) => KioskError.from(e).code,
    );
    await first.close();
    expect(await opening).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(first.status().device).toBe('offline');

    const again = driverOnPort(pair.hostPath);
    await expect(again.refreshStatus()).resolves.toMatchObject({ device: 'online' });
  });
});

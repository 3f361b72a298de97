/**
 * Faults: a printer on TCP that cannot be reached at boot (switched on later, its network cable
 * plugged in late), or whose connection drops mid-day. The card printer's driver tried its
 * connection once at open and never again: card making stayed off for the day until field staff
 * ran its self test. The daemon's reopen (ADR 0020) now connects it again; the receipt printer's
 * own idle poll already connected it again, shown here beside it. Real drivers, the byte-level
 * emulators listening on loopback TCP; the reopen's waits and the idle poll made short.
 */
import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  EvolisCardPrinterDriver,
  EvolisPrinterEmulator,
  tcpPrinterConnector,
  type DevicePort,
} from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { DeviceReopen, type DeviceReopenTimings } from './device-reopen.js';

const REOPEN: DeviceReopenTimings = { intervalMs: 50, maxIntervalMs: 200 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves with the first status the device pushes that passes `accept`. */
function pushed(port: DevicePort, accept: (s: DeviceStatus) => boolean): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const off = port.onStatus((status) => {
      if (!accept(status)) return;
      off();
      resolve(status);
    });
  });
}

/** A loopback port nothing listens on now (the printer not switched on yet). */
async function silentPort(listen: (port: number) => Promise<{ port: number }>, close: () => Promise<void>) {
  const { port } = await listen(0);
  await close();
  return port;
}

function cardPrinterRig() {
  const emulator = new EvolisPrinterEmulator();
  const reopenOf = (driver: EvolisCardPrinterDriver) => {
    const reopen = new DeviceReopen([driver], { timings: REOPEN, sessionRuns: () => false });
    cleanups.push(async () => reopen.stop());
    return reopen;
  };
  cleanups.push(() => emulator.close());
  return { emulator, reopenOf };
}

function cardPrinterOn(port: number): EvolisCardPrinterDriver {
  const driver = new EvolisCardPrinterDriver({
    connect: tcpPrinterConnector('127.0.0.1', port, 1_000),
    commandTimeoutMs: 2_000,
    statusPollMs: 100,
  });
  cleanups.push(() => driver.close());
  return driver;
}

describe('printers on TCP offline', () => {
  it('card printer offline at boot comes back by itself when it answers, its status pushed', async () => {
    const { emulator, reopenOf } = cardPrinterRig();
    const port = await silentPort(
      (p) => emulator.listen(p),
      () => emulator.close(),
    );
    const driver = cardPrinterOn(port);
    await expect(driver.open()).rejects.toMatchObject({ code: expect.any(String) });
    expect(driver.status().device).toBe('offline');
    reopenOf(driver).start();
    const back = pushed(driver, (s) => s.device === 'online');
    await emulator.listen(port); // switched on
    await expect(back).resolves.toMatchObject({ device: 'online' });
    expect(driver.cardPosition()).toBe('none');
  });

  it('card printer connection dropped mid-day comes back by itself when the printer answers again', async () => {
    const { emulator, reopenOf } = cardPrinterRig();
    const { port } = await emulator.listen(0);
    const driver = cardPrinterOn(port);
    await driver.open();
    expect(driver.status().device).toBe('online');
    reopenOf(driver).start();
    const offline = pushed(driver, (s) => s.device === 'offline');
    await emulator.close(); // switched off: the connection drops, a new one is refused
    await offline;
    const back = pushed(driver, (s) => s.device === 'online');
    await emulator.listen(port);
    await expect(back).resolves.toMatchObject({ device: 'online' });
  });

  it('receipt printer offline at boot comes back by itself (its own idle poll), its status pushed', async () => {
    const emulator = new EscposPrinterEmulator();
    cleanups.push(() => emulator.close());
    const port = await silentPort(
      (p) => emulator.listen(p, '127.0.0.1'),
      () => emulator.close(),
    );
    const driver = new EscposPrinterDriver({
      connect: tcpPrinterConnector('127.0.0.1', port, 1_000),
      idlePollMs: 50,
    });
    cleanups.push(() => driver.close());
    await driver.open(); // offline at open: said, not thrown
    expect(driver.status().device).toBe('offline');
    const back = pushed(driver, (s) => s.device === 'online');
    await emulator.listen(port, '127.0.0.1');
    await expect(back).resolves.toMatchObject({ device: 'online' });
  });
});

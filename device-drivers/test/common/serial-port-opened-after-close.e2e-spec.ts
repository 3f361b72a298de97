/**
 * Fault: a serial driver closed while it was reopening its lost line held the port after its
 * close. The reopen under way opened the port after `close()` had resolved; the driver closed that
 * port only later, on its own, so for that while it held the port and its lock, and the driver
 * made next on the same port (staff reopening it, a reconfiguration) could not open it ("Cannot
 * lock port"). Now `close()` resolves once the reopen under way has settled and the port it
 * opened is closed again. The LCDM driver, as the PIN pad and the ID reader share its line
 * (common/serial-answer-line.ts); a real pseudo terminal, the emulator on its far end.
 */
import { eventually } from '@kiosk/domain/testing';
import type { Duplex } from 'node:stream';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
} from '../../src/cash-dispenser/lcdm-serial-road.js';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { RIG_CASSETTES, RIG_TIMINGS } from '../cash-dispenser/lcdm-rig.js';
import { replugLine, type ReplugLine } from './replug-line.js';
import { SOON_MS, statusWithin } from './status-where.js';

describe('fault: a serial port opened after its driver was closed', () => {
  let line: ReplugLine | undefined;
  let driver: LcdmCashDispenser | undefined;
  let next: Duplex | undefined;
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
    if (next) await closeSerialStream(next);
    next = undefined;
    await line?.close();
    line = undefined;
  });

  it('closed while its reopen is under way: the port that reopen opens is closed when close() resolves, and the driver made next opens it', async () => {
    line = await replugLine(
      { openDeviceEnd: openLcdmSerialPort, openHostEnd: openLcdmSerialPort },
      new LcdmCashDispenserEmulator(),
    );
    const plugged = line;
    let letOpen: () => void = () => undefined;
    const mayOpen = new Promise<void>((resolve) => (letOpen = resolve));
    let reopening: Promise<Duplex> | undefined;
    let reopenedClosed = false;
    const reopen = () => {
      // the port opens only once the driver is being closed
      reopening ??= mayOpen
        .then(() => plugged.openHostEnd())
        .then((stream) => {
          stream.once('close', () => (reopenedClosed = true));
          return stream;
        });
      return reopening;
    };
    const dispenser = new LcdmCashDispenser(await plugged.openHostEnd(), {
      cassettes: RIG_CASSETTES,
      ...RIG_TIMINGS,
      reconnectMs: 20,
      reopen,
    });
    driver = dispenser;
    await dispenser.open();
    const offline = statusWithin(dispenser, (s) => s.device === 'offline', SOON_MS);
    await plugged.hangUp();
    expect((await offline).device).toBe('offline');
    await plugged.plugIn(); // the port is back: the reopen under way will open it
    await eventually(() => reopening !== undefined, 'a reopen under way', { withinMs: SOON_MS, everyMs: 5 });

    const closing = dispenser.close();
    driver = undefined;
    letOpen();
    await reopening;
    await closing;
    expect(reopenedClosed).toBe(true);
    next = await openLcdmSerialPort(plugged.current.hostPath);
  });
});

/**
 * The LCDM cash dispenser driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package: the path a real dispenser takes.
 */
import type { Duplex } from 'node:stream';
import { destroyStream } from '../../src/cash-dispenser/lcdm-serial-line.js';
import {
  LcdmCashDispenser,
  LcdmCashDispenserEmulator,
  openLcdmSerialPort,
  type LcdmCashDispenserEmulatorOptions,
  type LcdmCashDispenserOptions,
} from '../../src/cash-dispenser/index.js';
import { createPtyPair, type PtyPair } from './pty-pair.js';

export const YUAN = 100;

export interface LcdmRig {
  readonly pty: PtyPair;
  readonly emulator: LcdmCashDispenserEmulator;
  readonly driver: LcdmCashDispenser;
  stop(): Promise<void>;
}

export async function startLcdmRig(
  options: {
    emulator?: LcdmCashDispenserEmulatorOptions;
    driver?: Partial<LcdmCashDispenserOptions>;
    open?: boolean;
  } = {},
): Promise<LcdmRig> {
  const pty = await createPtyPair();
  const deviceEnd: Duplex = await openLcdmSerialPort(pty.devicePath);
  const emulator = new LcdmCashDispenserEmulator(options.emulator);
  emulator.attach(deviceEnd);
  const hostEnd = await openLcdmSerialPort(pty.hostPath);
  const driver = new LcdmCashDispenser(hostEnd, {
    cassettes: {
      upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    },
    ackTimeoutMs: 150,
    responseTimeoutMs: 400,
    dispenseTimeoutMs: 2_000,
    interByteTimeoutMs: 30,
    takenPollMs: 20,
    ...options.driver,
  });
  if (options.open !== false) await driver.open();
  return {
    pty,
    emulator,
    driver,
    async stop() {
      emulator.detach();
      await driver.close();
      await destroyStream(deviceEnd);
      await pty.close();
    },
  };
}

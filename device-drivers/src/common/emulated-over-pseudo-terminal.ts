/**
 * A serial driver and its byte-level emulator joined by a pseudo-terminal pair, both ends through
 * `serialport`: the emulator plugged into the device end, the driver on the host end. A cable the
 * emulator pulls (its `onCablePulled` fault, for those that have one) closes the device's own end and
 * the pair; `close()` releases the emulator (switched off where it has a `close`, else unplugged),
 * the driver, the emulator's port and the pair, in that order. Shared by the ID reader's, the PIN
 * pad's and the cash dispenser's rigs (ADR 0005).
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from './close-serial-stream.js';
import { createPtyPair, type PtyPair } from './pseudo-terminal-pair.js';

interface SerialEmulator {
  attach(stream: Duplex): void;
  detach(): void;
  /** switches it off at the rig's close (what it runs besides its line stops too) */
  close?(): void;
  onCablePulled?(listener: () => void): unknown;
}

interface SerialDriver {
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface EmulatedOverPseudoTerminal<Driver, Emulator> {
  readonly driver: Driver;
  readonly emulator: Emulator;
  readonly pty: PtyPair;
  /** the emulator's end of the line (to plug the emulator back in after `detach`) */
  readonly deviceEnd: Duplex;
  close(): Promise<void>;
}

export async function joinOverPseudoTerminal<
  Driver extends SerialDriver,
  Emulator extends SerialEmulator,
>(options: {
  /** opens either end's port (the device's own settings) */
  readonly openPort: (path: string) => Promise<Duplex>;
  readonly emulator: () => Emulator;
  readonly driver: (hostEnd: Duplex) => Driver;
  /** makes the pair (tests give a failing one to see the fallback) */
  readonly createPair?: () => Promise<PtyPair>;
  /** open the driver before returning (default true) */
  readonly open?: boolean;
}): Promise<EmulatedOverPseudoTerminal<Driver, Emulator>> {
  const pty = await (options.createPair ?? createPtyPair)();
  const deviceEnd = await options.openPort(pty.devicePath);
  const emulator = options.emulator();
  emulator.attach(deviceEnd);
  // the device's own end closes too: a serial port left open on a hung-up pseudo terminal spins
  // on empty reads
  emulator.onCablePulled?.(() => void closeSerialStream(deviceEnd).finally(() => pty.close()));
  const driver = options.driver(await options.openPort(pty.hostPath));
  const close = async () => {
    if (emulator.close) emulator.close();
    else emulator.detach();
    await driver.close();
    await closeSerialStream(deviceEnd);
    await pty.close();
  };
  if (options.open !== false) {
    await driver.open().catch(async (error: unknown) => {
      await close();
      throw error;
    });
  }
  return { driver, emulator, pty, deviceEnd, close };
}

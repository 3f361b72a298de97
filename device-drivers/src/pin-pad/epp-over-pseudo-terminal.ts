/**
 * The SZZT style PIN pad driver and its byte-level emulator joined by a pseudo-terminal pair, both
 * ends through `serialport` (ADR 0005): what the demo and test profiles run with
 * `emulatedOnPseudoTerminal`, and what the tests drive. `close()` releases the driver, the
 * emulator's port and the pair.
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from '../common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../common/pseudo-terminal-pair.js';
import { EppPinPad, openEppSerialPort, type EppPinPadOptions } from './epp-pin-pad.driver.js';
import { EppPinPadEmulator, type EppPinPadEmulatorOptions } from './epp-pin-pad.emulator.js';

export interface EppOverPseudoTerminal {
  readonly pad: EppPinPad;
  readonly emulator: EppPinPadEmulator;
  readonly pty: PtyPair;
  /** the emulator's end of the line (to plug the emulator back in after `detach`) */
  readonly deviceEnd: Duplex;
  close(): Promise<void>;
}

export async function startEppOverPseudoTerminal(
  options: {
    readonly pad?: EppPinPadOptions;
    readonly emulator?: EppPinPadEmulatorOptions;
    /** makes the pair (tests give a failing one to see the fallback) */
    readonly createPair?: () => Promise<PtyPair>;
    /** open the pad before returning (default true) */
    readonly open?: boolean;
  } = {},
): Promise<EppOverPseudoTerminal> {
  const pty = await (options.createPair ?? createPtyPair)();
  const deviceEnd = await openEppSerialPort(pty.devicePath);
  const emulator = new EppPinPadEmulator(options.emulator);
  emulator.attach(deviceEnd);
  // the device's own end closes too: a serial port left open on a hung-up pseudo terminal spins
  emulator.onCablePulled(() => void closeSerialStream(deviceEnd).finally(() => pty.close()));
  const pad = new EppPinPad(await openEppSerialPort(pty.hostPath), options.pad);
  const close = async () => {
    emulator.detach();
    await pad.close();
    await closeSerialStream(deviceEnd);
    await pty.close();
  };
  if (options.open !== false) {
    await pad.open().catch(async (error: unknown) => {
      await close();
      throw error;
    });
  }
  return { pad, emulator, pty, deviceEnd, close };
}

/**
 * The in-memory dispenser's mechanism kept in a file, so that an emulated kiosk that dies keeps
 * its notes where they were, as a real dispenser does: in the cassettes, staged or presented in
 * the presenter, in the bins. Written whole after every change (a temp file renamed over the old
 * one, so a crash leaves the old state or the new one, never half of one).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  CashDispenserEmulator,
  type CashDispenserEmulatorOptions,
  type CashDispenserEmulatorState,
} from './cash-dispenser.emulator.js';

export function readCashDispenserState(file: string): CashDispenserEmulatorState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CashDispenserEmulatorState;
  } catch (e) {
    throw new KioskError(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      'The emulated cash dispenser state file cannot be read; remove it to start from the configured counts.',
      {},
      { cause: e },
    );
  }
}

export function writeCashDispenserState(file: string, state: CashDispenserEmulatorState): void {
  const temp = `${file}.next`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/** A dispenser emulator that starts from `file` when it exists and keeps every change in it. */
export function persistentCashDispenserEmulator(
  file: string,
  options: Omit<CashDispenserEmulatorOptions, 'state' | 'onChange'> = {},
): CashDispenserEmulator {
  mkdirSync(dirname(file), { recursive: true });
  const state = readCashDispenserState(file);
  const emulator = new CashDispenserEmulator({
    ...options,
    ...(state ? { state } : {}),
    onChange: (next) => writeCashDispenserState(file, next),
  });
  if (!state) writeCashDispenserState(file, emulator.snapshot());
  return emulator;
}

/**
 * An emulated dispenser's mechanism kept in a file, so that an emulated kiosk that dies keeps
 * its notes where they were, as a real dispenser does: in the cassettes, staged or presented in
 * the presenter, in the bins. Written whole after every change (a temp file renamed over the old
 * one, so a crash leaves the old state or the new one, never half of one). Both emulators use
 * it: the in-memory one (`persistentCashDispenserEmulator`) and the byte-level LCDM one
 * (`persistentLcdmEmulatorOptions`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  CashDispenserEmulator,
  type CashDispenserEmulatorOptions,
  type CashDispenserEmulatorState,
} from './cash-dispenser.emulator.js';
import type { LcdmCashDispenserEmulatorOptions } from './lcdm-cash-dispenser.emulator.js';
import type { LcdmMechanismState } from './lcdm-cash-mechanism.js';

function readStateFile<T>(file: string, isState: (value: unknown) => boolean): T | undefined {
  if (!existsSync(file)) return undefined;
  const unreadable = (cause?: unknown) =>
    new KioskError(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      'The emulated cash dispenser state file cannot be read; remove it to start from the configured counts.',
      {},
      cause === undefined ? {} : { cause },
    );
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw unreadable(e);
  }
  if (!isState(value)) throw unreadable();
  return value as T;
}

function writeStateFile(file: string, state: unknown): void {
  const temp = `${file}.next`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function readCashDispenserState(file: string): CashDispenserEmulatorState | undefined {
  return readStateFile(file, isObject);
}

export function writeCashDispenserState(file: string, state: CashDispenserEmulatorState): void {
  writeStateFile(file, state);
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

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function isLcdmMechanismState(v: unknown): boolean {
  if (!isObject(v) || !isObject(v.cassettes) || !isObject(v.presenter)) return false;
  const cassettesOk = ['upper', 'lower'].every((id) => {
    const c = (v.cassettes as Record<string, unknown>)[id];
    return isObject(c) && isCount(c.count) && typeof c.present === 'boolean';
  });
  const p = v.presenter;
  return (
    cassettesOk &&
    isCount(p.upper) &&
    isCount(p.lower) &&
    typeof p.open === 'boolean' &&
    ['rejectTray', 'retractBin', 'taken', 'stuck'].every((k) => isCount(v[k]))
  );
}

/**
 * The LCDM emulator's options, starting from `file` when it exists (where the notes were) and
 * keeping every change of the mechanism in it; the configured cassettes apply to a new file only.
 */
export function persistentLcdmEmulatorOptions(
  file: string,
  options: Omit<LcdmCashDispenserEmulatorOptions, 'state' | 'onChange'> = {},
): LcdmCashDispenserEmulatorOptions {
  mkdirSync(dirname(file), { recursive: true });
  const state = readStateFile<LcdmMechanismState>(file, isLcdmMechanismState);
  return {
    ...options,
    ...(state ? { state } : {}),
    onChange: (next) => writeStateFile(file, next),
  };
}

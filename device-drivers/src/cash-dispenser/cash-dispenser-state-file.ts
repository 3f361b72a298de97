/**
 * An emulated dispenser's mechanism kept in a file, so that an emulated kiosk that dies keeps
 * its notes where they were, as a real dispenser does: in the cassettes, staged or presented in
 * the presenter, in the bins. Written whole and durably after every change (`writeKeptFile`:
 * flushed to the disk, renamed over the old one, its folder flushed, so a crash or a power cut
 * leaves the old state or the new one, never an empty or half one). Both emulators use it: the
 * in-memory one (`persistentCashDispenserEmulator`) and the byte-level LCDM one
 * (`persistentLcdmEmulatorOptions`).
 *
 * A missing file starts from the configured counts. One that does not read (empty, torn, not a
 * dispenser's state) stops boot with DEVICE_HARDWARE_ERROR naming the file and why, never counts
 * made up: it says where money is (notes staged or presented to a resident, retracted, rejected),
 * which the boot's recovery of a withdrawal relies on. The file is left as it is for staff.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { readKeptFile, writeKeptFile } from '../common/kept-file.js';
import {
  CashDispenserEmulator,
  type CashDispenserEmulatorOptions,
  type CashDispenserEmulatorState,
} from './cash-dispenser.emulator.js';
import type { LcdmCashDispenserEmulatorOptions } from './lcdm-cash-dispenser.emulator.js';
import type { LcdmMechanismState } from './lcdm-cash-mechanism.js';

function readStateFile<T>(file: string, isState: (value: unknown) => boolean): T | undefined {
  const read = readKeptFile(file);
  if (read.found === 'none') return undefined;
  if (read.found === 'unreadable') throw unreadable(file, read.why, read.cause);
  if (!isState(read.value)) throw unreadable(file, 'it is not a cash dispenser state');
  return read.value as T;
}

function unreadable(file: string, why: string, cause?: unknown): KioskError {
  return new KioskError(
    ErrorCode.DEVICE_HARDWARE_ERROR,
    `The emulated cash dispenser's state file ${file} does not read (${why}); where the notes are was not known. Count the notes in the cassettes, the presenter and the bins, then remove the file to start from the configured counts.`,
    { file },
    cause === undefined ? {} : { cause },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function readCashDispenserState(file: string): CashDispenserEmulatorState | undefined {
  return readStateFile(file, isCashDispenserEmulatorState);
}

export function writeCashDispenserState(file: string, state: CashDispenserEmulatorState): void {
  writeKeptFile(file, state);
}

/** A dispenser emulator that starts from `file` when it exists and keeps every change in it. */
export function persistentCashDispenserEmulator(
  file: string,
  options: Omit<CashDispenserEmulatorOptions, 'state' | 'onChange'> = {},
): CashDispenserEmulator {
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

/** Where every note of the in-memory emulator is (`CashDispenserEmulatorState`), each count whole. */
function isCashDispenserEmulatorState(v: unknown): boolean {
  if (!isObject(v) || !Array.isArray(v.cassettes) || !isObject(v.presenter)) return false;
  const cassettesOk = v.cassettes.every(
    (c) => isObject(c) && typeof c.id === 'string' && isCount(c.count) && typeof c.present === 'boolean',
  );
  const { state, notes } = v.presenter;
  const presenterOk =
    typeof state === 'string' &&
    ['empty', 'staged', 'presented'].includes(state) &&
    Array.isArray(notes) &&
    notes.every(
      (n) =>
        isObject(n) && typeof n.cassetteId === 'string' && isCount(n.denominationFen) && isCount(n.count),
    );
  return (
    cassettesOk &&
    presenterOk &&
    isCount(v.rejectBin) &&
    isCount(v.retractBin) &&
    typeof v.jammed === 'boolean'
  );
}

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
  const state = readStateFile<LcdmMechanismState>(file, isLcdmMechanismState);
  return {
    ...options,
    ...(state ? { state } : {}),
    onChange: (next) => writeKeptFile(file, next),
  };
}

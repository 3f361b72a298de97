/**
 * The refusals a cash dispenser gives before a note moves, shared by the LCDM driver and the
 * in-memory emulator so both refuse alike: notes still in the presenter, an amount the loaded
 * notes cannot pay (said as a missing cassette when one is out), a full reject bin, a request
 * cancelled in time.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Cassette, NoteCount, PresenterContents } from './cash-dispenser.port.js';
import type { NotePlan } from './note-mix.js';

export function assertPresenterEmpty(state: PresenterContents['state']): void {
  if (state !== 'empty') {
    throw new KioskError(
      ErrorCode.DEVICE_BUSY,
      'Notes are still in the presenter; present or retract them first.',
    );
  }
}

/**
 * The plan's notes, or CASH_CASSETTE_MISSING / CASH_AMOUNT_NOT_PAYABLE with the plan's reason;
 * `nameMissing` adds the ids of the cassettes that are out to the error's details.
 */
export function payableNotes(
  plan: NotePlan,
  cassettes: readonly Cassette[],
  nameMissing = false,
): readonly NoteCount[] {
  if (plan.ok) return plan.notes;
  const missing = cassettes.filter((c) => !c.present);
  throw new KioskError(
    missing.length > 0 ? ErrorCode.CASH_CASSETTE_MISSING : ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
    missing.length > 0
      ? 'A cassette is missing and the rest cannot pay this amount; no note was moved.'
      : 'The notes loaded cannot pay this amount; no note was moved.',
    {
      reason: plan.reason,
      ...(nameMissing && missing.length > 0 ? { cassette: missing.map((c) => c.id).join(',') } : {}),
    },
  );
}

export function assertRejectBinRoom(count: number, capacity: number): void {
  if (count >= capacity) {
    throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin is full; call field staff to empty it.');
  }
}

export function assertDispenseNotCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new KioskError(
      ErrorCode.DEVICE_OPERATION_CANCELLED,
      'The dispense was cancelled before a note moved.',
    );
  }
}

/** Before a test dispense: room in the reject bin for one note from each cassette, not cancelled. */
export function assertTestDispenseAllowed(
  rejectBin: { readonly count: number; readonly capacity: number },
  notes: number,
  signal: AbortSignal | undefined,
): void {
  if (rejectBin.count + notes > rejectBin.capacity)
    throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin cannot take the test notes; empty it.');
  if (signal?.aborted)
    throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The test dispense was cancelled.');
}

export function sumFen(notes: readonly NoteCount[]): number {
  return notes.reduce((sum, n) => sum + n.denominationFen * n.count, 0);
}

export function sumNotes(notes: readonly NoteCount[]): number {
  return notes.reduce((sum, n) => sum + n.count, 0);
}

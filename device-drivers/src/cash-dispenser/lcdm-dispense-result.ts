/**
 * Pure pieces of an LCDM dispense: which command pays a per-cassette note count, and the
 * port's result from the notes that reached the presenter.
 */
import { ErrorCode } from '@kiosk/domain';
import type { DispenseResult, NoteCount } from './cash-dispenser.port.js';
import { encodeCount, LcdmCommand } from './cash-dispenser.protocol.js';

export type LcdmCassettes<T> = Readonly<Record<'upper' | 'lower', T>>;

/** UPPER_DISPENSE or LOWER_DISPENSE when one cassette pays it all, else UPPER_LOWER_DISPENSE. */
export function dispenseCommand(want: LcdmCassettes<number>): { cmd: number; data: number[] } {
  if (want.upper > 0 && want.lower > 0) {
    return {
      cmd: LcdmCommand.UPPER_LOWER_DISPENSE,
      data: [...encodeCount(want.upper), ...encodeCount(want.lower)],
    };
  }
  return want.upper > 0
    ? { cmd: LcdmCommand.UPPER_DISPENSE, data: encodeCount(want.upper) }
    : { cmd: LcdmCommand.LOWER_DISPENSE, data: encodeCount(want.lower) };
}

export function presentedNotes(
  exited: LcdmCassettes<number>,
  denominationFen: LcdmCassettes<number>,
): { amountFen: number; notes: NoteCount[] } {
  const notes: NoteCount[] = [];
  for (const id of ['upper', 'lower'] as const) {
    if (exited[id] > 0)
      notes.push({ cassetteId: id, denominationFen: denominationFen[id], count: exited[id] });
  }
  return { amountFen: notes.reduce((sum, n) => sum + n.denominationFen * n.count, 0), notes };
}

/** 'dispensed' only when no fault was reported and the whole amount reached the presenter. */
export function dispenseResult(
  requestedFen: number,
  presented: { amountFen: number; notes: NoteCount[] },
  fault: { code: ErrorCode; message: string } | null,
): DispenseResult {
  const { amountFen, notes } = presented;
  if (!fault && amountFen === requestedFen) return { result: 'dispensed', requestedFen, amountFen, notes };
  return {
    result: 'partial',
    code: fault?.code ?? ErrorCode.DEVICE_HARDWARE_ERROR,
    message: fault?.message ?? 'The dispense stopped early; only the amount presented was paid out.',
    requestedFen,
    amountFen,
    notes,
  };
}

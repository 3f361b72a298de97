/**
 * The LCDM's test dispense, field staff's check that notes pick and travel: UPPER TEST DISPENSE
 * (0x76) and LOWER TEST DISPENSE (0x77) move the notes into the reject tray, never the presenter.
 * The answer counts picked, exited (into the tray) and rejected notes like a dispense's.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  decodeDispenseResponse,
  encodeCount,
  LCDM_ERRORS,
  LcdmCommand,
  lcdmErrorCode,
} from './cash-dispenser.protocol.js';
import type { LcdmSerialLine } from './lcdm-serial-line.js';
import type { LcdmNoteStock } from './lcdm-note-stock.js';
import type { NoteCount } from './cash-dispenser.port.js';
import { assertTestDispenseAllowed } from './cash-dispense-refusals.js';

export interface TestDispenseOutcome {
  /** the notes each cassette lost, all of them in the reject tray */
  readonly moved: readonly { readonly id: 'upper' | 'lower'; readonly picked: number }[];
  /**
   * what stopped it (the notes moved before it are in `moved`), or null; a cassette's command whose
   * outcome was not heard (`unanswered`): `details.outcomeUnknown`, that cassette in `details.cassette`
   */
  readonly error: KioskError | null;
}

/**
 * A cassette's command whose outcome was not heard: no answer (DEVICE_TIMEOUT), or anything wrong
 * once it was sent (the `response` phase: the line lost, an answer unreadable), or an answer with
 * bad counts (the device took it and acted). Whether its note moved is not known, never taken for
 * "not moved" (`outcomeUnknown`, the cassette named; its note is left out of the driver's counts,
 * for the kiosk to settle), as a dispense reads it. A command the device did not take (NAKed, or
 * never sent) moved nothing and stands as it is.
 */
function unanswered(error: KioskError, cassette: 'upper' | 'lower'): KioskError {
  const unknown =
    error.code === ErrorCode.DEVICE_TIMEOUT ||
    error.details?.['outcomeUnknown'] === true ||
    error.details?.['phase'] === 'response';
  if (!unknown) return error;
  return new KioskError(
    error.code,
    `The ${cassette} cassette's test note got no readable answer; whether it went to the reject tray is not known.`,
    { outcomeUnknown: true, cassette },
    { cause: error },
  );
}

/** One note from each cassette named, in turn; stops at the first fault. */
export async function lcdmTestDispense(
  line: LcdmSerialLine,
  cassettes: readonly ('upper' | 'lower')[],
  timeoutMs: number,
): Promise<TestDispenseOutcome> {
  const moved: { id: 'upper' | 'lower'; picked: number }[] = [];
  for (const id of cassettes) {
    const cmd = id === 'upper' ? LcdmCommand.UPPER_TEST_DISPENSE : LcdmCommand.LOWER_TEST_DISPENSE;
    let outcome;
    try {
      outcome = decodeDispenseResponse(await line.transact(cmd, encodeCount(1), timeoutMs));
    } catch (e) {
      return { moved, error: unanswered(KioskError.from(e), id) };
    }
    if (!outcome) {
      const error = new KioskError(
        ErrorCode.DEVICE_PROTOCOL_ERROR,
        'The test dispense answer had bad counts.',
        {
          phase: 'response',
        },
      );
      return { moved, error: unanswered(error, id) };
    }
    moved.push({ id, picked: outcome[id].picked });
    const code = lcdmErrorCode(outcome.error);
    if (code) {
      const text = LCDM_ERRORS[outcome.error]?.text ?? 'The test dispense failed.';
      return { moved, error: new KioskError(code, text, { cassette: id, picked: outcome[id].picked }) };
    }
  }
  return { moved, error: null };
}

/** The cassettes a test dispense takes a note from, once the reject bin has room for them. */
export function testDispenseSlots(stock: LcdmNoteStock, signal?: AbortSignal): ('upper' | 'lower')[] {
  const from = stock.slotsWithNotes();
  const rejectBin = { count: stock.rejectBin, capacity: stock.rejectBinCapacity };
  assertTestDispenseAllowed(rejectBin, from.length, signal);
  return from;
}

/** The moved notes off the driver's cassette counts and into its reject bin. */
export function countTestDispense(stock: LcdmNoteStock, moved: TestDispenseOutcome['moved']): NoteCount[] {
  return moved.map(({ id, picked }) => {
    stock.take(id, picked);
    stock.reject(picked);
    return { cassetteId: id, denominationFen: stock.denominationOf(id), count: picked };
  });
}

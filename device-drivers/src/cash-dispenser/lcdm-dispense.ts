/**
 * One LCDM dispense on the line: the command for a per-cassette note count, the counts the answer
 * gives applied to the driver's stock and presenter, and, when the answer was lost after the
 * device took the command (or may have: its ACK went missing, and the line never sends a dispense
 * twice), the presenter asked what it holds so the result still carries the exact amount. If even
 * that fails: DEVICE_TIMEOUT with `details.outcomeUnknown = true`, the notes left to be counted
 * out of the cassettes when the presenter shows them (`LcdmUncountedDispense`).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DispenseResult } from './cash-dispenser.port.js';
import { decodeDispenseResponse, lcdmErrorCode, type DispenseOutcome } from './cash-dispenser.protocol.js';
import {
  dispenseCommand,
  dispenseResult,
  presentedNotes,
  type LcdmCassettes,
} from './lcdm-dispense-result.js';
import type { LcdmNoteStock } from './lcdm-note-stock.js';
import type { LcdmPresenter } from './lcdm-presenter.js';
import type { LcdmUncountedDispense } from './lcdm-retract.js';
import { LcdmLineError, type LcdmSerialLine } from './lcdm-serial-line.js';
import { lcdmErrorText, type LcdmFault } from './lcdm-status.js';

export interface LcdmDispenseParts {
  readonly line: LcdmSerialLine;
  readonly stock: LcdmNoteStock;
  readonly presenter: LcdmPresenter;
  /** told when the outcome stays unknown: the notes are counted when the presenter shows them */
  readonly uncounted: LcdmUncountedDispense;
  readonly dispenseTimeoutMs: number;
}

/** The port's result, and the device fault the answer reported (null when none). */
export async function lcdmDispenseNotes(
  parts: LcdmDispenseParts,
  requestedFen: number,
  want: LcdmCassettes<number>,
): Promise<{ readonly result: DispenseResult; readonly deviceFault: LcdmFault | null }> {
  const { line, stock, presenter } = parts;
  const { cmd, data } = dispenseCommand(want);
  let outcome: DispenseOutcome | null;
  try {
    const frame = await line.transact(cmd, data, parts.dispenseTimeoutMs);
    outcome = decodeDispenseResponse(frame);
    if (!outcome) {
      throw new LcdmLineError(
        ErrorCode.DEVICE_PROTOCOL_ERROR,
        'The dispense answer had bad counts.',
        'response',
      );
    }
  } catch (error) {
    if (error instanceof LcdmLineError && error.phase === 'command') throw error; // NAKed or never sent: nothing moved
    return {
      result: await recoverLostAnswer(parts, requestedFen, KioskError.from(error)),
      deviceFault: null,
    };
  }
  for (const id of ['upper', 'lower'] as const) {
    stock.take(id, outcome[id].picked);
    stock.reject(outcome[id].rejected);
  }
  const exited = { upper: outcome.upper.exited, lower: outcome.lower.exited };
  presenter.stage(exited);
  const code = lcdmErrorCode(outcome.error);
  const deviceFault = code ? { code, message: lcdmErrorText(outcome.error) } : null;
  const fault = code
    ? { code, message: 'The dispense stopped early; only the amount presented was paid out.' }
    : null;
  return {
    result: dispenseResult(requestedFen, presentedNotes(exited, stock.denominations()), fault),
    deviceFault,
  };
}

/** The device took the dispense but its answer was lost: ask the presenter what it holds. */
async function recoverLostAnswer(
  { stock, presenter, uncounted }: LcdmDispenseParts,
  requestedFen: number,
  cause: KioskError,
): Promise<DispenseResult> {
  try {
    await presenter.refresh();
  } catch {
    uncounted.expect();
    throw new KioskError(
      ErrorCode.DEVICE_TIMEOUT,
      'The dispense outcome is unknown; hold the transaction for field staff.',
      { outcomeUnknown: true, requestedFen },
      { cause },
    );
  }
  const { upper, lower } = presenter.notes;
  stock.take('upper', upper);
  stock.take('lower', lower);
  const presented = presentedNotes({ upper, lower }, stock.denominations());
  const fault = presented.amountFen === requestedFen ? null : { code: cause.code, message: cause.message };
  return dispenseResult(requestedFen, presented, fault);
}

import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError, isMaskedCardNumber } from '@kiosk/domain';
import type { StepDetail } from './journal.service.js';

/** Detail keys that would carry a PIN: such a step is refused, never written. */
const PIN_KEYS = /^(?:pin|newpin|oldpin|pinblock|pincode)$/i;

/** A write the store did not take: JOURNAL_WRITE_FAILED (a coded error passes as it is). */
export function writeFailed(e: unknown): KioskError {
  if (e instanceof KioskError) return e;
  return new KioskError(
    ErrorCode.JOURNAL_WRITE_FAILED,
    'The journal could not be written.',
    {},
    { cause: e },
  );
}

/**
 * An error of the journal itself (a write or read the store refused, a record it would not take),
 * not a device's or the host's answer: whoever called on the journal has not decided anything.
 */
export function isJournalFault(e: unknown): boolean {
  return e instanceof KioskError && e.code.startsWith('JOURNAL_');
}

/** A step whose detail would carry a PIN: JOURNAL_BAD_RECORD, nothing written. */
export function refusePinIn(step: string, detail: StepDetail): void {
  for (const key of Object.keys(detail)) {
    if (PIN_KEYS.test(key)) {
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'A journal step may not carry a PIN.', {
        step,
        key,
      });
    }
  }
}

/** A write for a transaction the journal does not hold (an update would change no row): JOURNAL_BAD_RECORD. */
export function noSuchTransaction(transactionId: string): KioskError {
  return new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'The journal holds no such transaction.', {
    transactionId,
  });
}

const log = new Logger('Journal');

/**
 * A card number for the transaction's row that is not masked by the one rule (first 3 and last 3,
 * `maskCardNumber`): JOURNAL_BAD_RECORD, nothing written. Neither the log nor the error carries
 * the value (it may be the full number), only its length.
 */
export function refuseUnmaskedCardNumber(transactionId: string, value: string): void {
  if (isMaskedCardNumber(value)) return;
  log.error(
    `${transactionId}: a card number not masked first 3 and last 3 refused (${value.length} characters), not journaled`,
  );
  throw new KioskError(
    ErrorCode.JOURNAL_BAD_RECORD,
    'The journal keeps a card number only masked, its first 3 and last 3 characters shown.',
    { transactionId, length: value.length },
  );
}

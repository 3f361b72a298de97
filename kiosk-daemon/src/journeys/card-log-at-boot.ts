/**
 * A withdrawal's card-log record a restart cut between its intent and its outcome
 * (`card.logTransaction` intent, no done or failed: the kiosk died before the APPEND RECORD, while
 * the chip wrote, or after it answered and before its done was committed), or between its failure
 * and the note of what the failure left on the chip (`card.logSettled`). ADR 0026.
 *
 * Boot never writes the record again: the chip's log is written only after a verified PIN, which a
 * restart has lost, and a second record of one withdrawal is the one wrong outcome. It reads the
 * chip first when the card is still inside the reader (before it is captured or left for staff):
 * its unprinted counter (EF19, readable without the PIN) one above the count the intent journaled,
 * on the same card, is the record written; equal, not written (a failure the chip answered with
 * its log full: not written, unread). The card gone, another card inside, or the chip not
 * answering: not known. Whatever it finds is journaled (`card.logSettled`, after the restart),
 * once: an earlier boot's note stands. The withdrawal itself is settled from its own
 * steps as before; the record never holds the resident's cash or card.
 */
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText, type JournaledStep } from '../journal/step-detail.js';
import { CARD_LOG_SETTLED, CARD_LOG_STEP, type LogWritten } from './card-log-write.js';

/** how long the chip is given to answer its read at boot */
export const CARD_LOG_READ_MS = 5_000;

/**
 * Journals what became of the transaction's card-log record a restart cut short; `cardHere`: the
 * reader holds this transaction's card now. Returns what was found, or undefined (nothing cut).
 */
export async function settleCardLogAtBoot(
  journal: Pick<JournalService, 'recordStep'>,
  reader: Pick<CardReaderPort, 'readCard'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  cardHere: boolean,
  log: Pick<Logger, 'warn'>,
): Promise<LogWritten | undefined> {
  const at = steps.findLastIndex((s) => s.step === CARD_LOG_STEP && s.phase === 'intent');
  const intent = steps[at];
  if (!intent || steps.slice(at).some((s) => s.step === CARD_LOG_SETTLED)) return undefined;
  const outcome = steps.slice(at + 1).find((s) => s.step === CARD_LOG_STEP);
  // answered done: written; failed and noted (`card.logSettled`) in the session: decided there
  if (outcome?.phase === 'done') return undefined;
  const before = detailCount(intent, 'unprintedBefore');
  let written: LogWritten = 'unknown';
  let seen = cardHere ? 'counter' : 'cardGone';
  let code: string | undefined;
  if (outcome && detailText(outcome, 'code') === ErrorCode.CARD_RECORDS_PRINT_REQUIRED) {
    // the chip refused it, its log full: not written, whatever the counter reads
    written = false;
    seen = 'chipRefused';
  } else if (cardHere) {
    try {
      const card = await reader.readCard(AbortSignal.timeout(CARD_LOG_READ_MS));
      const count = card.recordsUnprinted;
      if (maskCardNumber(card.cardNumber) !== detailText(intent, 'card')) seen = 'anotherCard';
      else if (before !== undefined && count === before + 1) written = true;
      else if (before !== undefined && count === before) written = false;
    } catch (e) {
      code = KioskError.from(e).code;
    }
  }
  await journal.recordStep(transactionId, CARD_LOG_SETTLED, 'event', {
    written,
    after: 'restart',
    seen,
    ...(code === undefined ? {} : { code }),
  });
  log.warn(
    `recovery: the card-log record of the withdrawal ${transactionId} was cut by the restart: ` +
      `written ${String(written)} (${seen}); never written again`,
  );
  return written;
}

/**
 * A card's activation a restart cut in the middle of its PIN write (`card.changePin` journaled
 * intent, no outcome: the kiosk died while the chip wrote, or after it answered and before its done
 * was committed with the host's act, `doneWithNextWrite`). The chip may hold the new PIN (its
 * default gone) while the host, never asked, holds the card as new; the resident has walked away.
 *
 * Boot sends the host nothing: the chip's PIN is not known, and activating at the host a card whose
 * chip may still answer the default PIN would make it usable under 123456. It journals what the
 * session would have (`card.pinWriteCut`, after the restart: its PIN not known, next: resetPin) and
 * closes the activation ACTIVATION_UNFINISHED, not a plain interruption, so the journal, staff and
 * the fleet's extract see a card left between chip and host. The resident's next activation finds
 * the default PIN gone on a card the host holds as new and is sent to "Reset PIN" (ADR 0006), which
 * sets the PIN under the host's key whatever the chip holds and activates the card; a chip that
 * never took the new PIN activates as usual.
 */
import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { PIN_WRITE_CUT } from './new-pin-writes.js';

const PIN_WRITE = 'card.changePin';

/**
 * An open activation's PIN write cut by the restart: journaled cut (once: an earlier boot's note
 * stands) and the code to close the activation with (ACTIVATION_UNFINISHED); undefined when its
 * write was answered, or never begun.
 */
export async function noteActivationCutAtBoot(
  journal: Pick<JournalService, 'recordStep'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  log: Pick<Logger, 'warn'>,
): Promise<string | undefined> {
  const write = steps.findLastIndex((s) => s.step === PIN_WRITE);
  if (write < 0 || steps[write]!.phase !== 'intent') return undefined;
  if (!steps.slice(write).some((s) => s.step === PIN_WRITE_CUT)) {
    await journal.recordStep(transactionId, PIN_WRITE_CUT, 'event', {
      purpose: 'activate',
      code: ErrorCode.SESSION_INTERRUPTED,
      chipPin: 'unknown',
      next: 'resetPin',
      after: 'restart',
    });
    log.warn(
      `recovery: the activation ${transactionId} was cut while the chip wrote its new PIN: the chip's PIN ` +
        'is not known, the host holds the card as new; the next activation goes to "Reset PIN"',
    );
  }
  return ErrorCode.ACTIVATION_UNFINISHED;
}

import type { CardPrinterPort } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { journaledAct } from './journey-tools.js';

/**
 * A card-making session cut short by a crash or power loss: the printer (which remembers where
 * its card is) may still hold the blank, personalised or not, printed or not, or presented at
 * the slot with nobody to take it. That blank goes to the reject bin, journaled; a jammed card
 * stays for field staff (the printer reports a hardware error, so no card is made meanwhile).
 * The host keeps the application's reserved card number, so the resident's next visit makes the
 * card with it.
 */
export async function recoverIssuance(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
): Promise<void> {
  const position = printer.cardPosition();
  if (position === 'none' || position === 'jammed') {
    await journal.recordStep(transactionId, 'recovery.blank', 'event', { position });
    return;
  }
  try {
    await journaledAct(
      journal,
      transactionId,
      'recovery.card.reject',
      () => printer.ejectToRejectBin('other'),
      {
        position,
      },
    );
  } catch (e) {
    // the blank stays where it is; the printer's status keeps issuance out of service
    await journal.recordStep(transactionId, 'recovery.blank', 'event', {
      position,
      refused: KioskError.from(e).code,
    });
  }
}

/**
 * A new card presented at the slot and not taken in time is retracted into the reject bin
 * (`card.retract`, counted there once as the kiosk's reject, journal first: `kiosk-rejected-blank.ts`).
 * The bin's count before is journaled with it, so recovery after a crash inside the retract tells
 * a card pulled in from one taken. The printer answering that no card was there, and reading none
 * inside, is a take as the retract began: issued, never in the bin. The printer offline or silent
 * leaves the card at the slot for staff (`new-card-left-at-slot.ts`).
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';
import { rejectBinCount, rejectCounted } from './kiosk-rejected-blank.js';
import { leaveNewCardAtSlot, leftAtSlotBy } from './new-card-left-at-slot.js';

/** Retracts the card; `{ taken: true }` when the resident took it as the retract began. */
export async function retractNewCard(
  journal: JournalService,
  printer: CardPrinterPort,
  tools: JourneyTools,
  cardNumber: string,
  signal: AbortSignal,
): Promise<{ readonly taken: true } | undefined> {
  // the bin's count before: recovery after a crash inside the retract tells pulled in from taken
  const rejectBin = rejectBinCount(printer);
  try {
    await rejectCounted(journal, printer, (count) =>
      tools.irreversible('card.retract', () => printer.ejectToRejectBin('notTaken', signal), {
        card: maskCardNumber(cardNumber),
        ...(rejectBin === undefined ? {} : { rejectBin }),
        ...count,
      }),
    );
  } catch (e) {
    // the printer answered that no card was there, and reads none inside: the resident took
    // it as the retract began (after the bezel's last look). A take, as recovery reads a
    // failed retract with the card gone: issued, counted once, never in the reject bin
    if (KioskError.is(e, ErrorCode.CARD_PRINTER_NO_CARD) && printer.cardPosition() === 'none')
      return { taken: true } as const;
    // the printer offline or silent: the card may lie at the slot, left for staff, the
    // host's report held until the printer says where it is
    if (!signal.aborted && leftAtSlotBy(printer, e)) throw await leaveNewCardAtSlot(tools, cardNumber, e);
    throw e;
  }
  return undefined;
}

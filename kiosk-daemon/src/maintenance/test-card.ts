/**
 * Field staff's test card (`MaintenanceDeviceChecksService.testCard`): a blank to the chip station,
 * a test face printed, and whatever happened the card inside into the reject bin, never to the
 * slot. Journaled in the staff visit's transaction (`maintenance.testCard`), its feed and its
 * reject acts of their own (`maintenance.testCard.feed`, `maintenance.testCard.reject`) counted in
 * the journal's counts of a hopper and a reject bin the printer does not count, journal first
 * (`kiosk-fed-blank.ts`, `kiosk-rejected-blank.ts`; a restart between an act and its count is
 * caught up at boot).
 */
import type { CardFace, CardPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { journaledAct } from '../journeys/journey-tools.js';
import { feedCounted } from '../journeys/kiosk-fed-blank.js';
import { rejectBlankLeftAtBoot, rejectCounted } from '../journeys/kiosk-rejected-blank.js';
import { openCardsLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import type { JournalService } from '../journal/journal.service.js';

/** A plain test pattern of the card's size (1016 × 648 at 300 dpi): a black frame on white. */
function testCardFace(): CardFace {
  const widthPx = 1016;
  const heightPx = 648;
  const rgb = new Uint8Array(widthPx * heightPx * 3).fill(255);
  for (let y = 0; y < heightPx; y += 1) {
    for (let x = 0; x < widthPx; x += 1) {
      if (x < 12 || y < 12 || x >= widthPx - 12 || y >= heightPx - 12)
        rgb.fill(0, (y * widthPx + x) * 3, (y * widthPx + x) * 3 + 3);
    }
  }
  return { rgb, widthPx, heightPx };
}

/**
 * Refused before anything moves while a card making's new card lies at the slot unsettled
 * (`card.leftAtSlot`), or the printer reads a card at its slot: the feed would be refused with it
 * there and the reject below would pull that card into the bin as the test card, and the card
 * making's settlement, finding the slot empty after its failed retract, would count it issued.
 */
async function refuseWhileCardAtSlot(journal: JournalService, printer: CardPrinterPort): Promise<void> {
  const left = await openCardsLeftAtSlot(journal);
  if (left.length === 0 && printer.cardPosition() !== 'outputSlot') return;
  throw new KioskError(
    ErrorCode.MAINTENANCE_NEW_CARD_AT_SLOT,
    "There is a card at the card printer's slot; a test card now would pull it into the reject bin as the test card. Log out: the self test then pulls a resident's unsettled new card into the reject bin and settles it, if the printer answers; a card still at the slot after that is taken out for the office (listed for staff: settled as missing), then the test card.",
    left.length > 0 ? { transactions: left.join(',') } : {},
  );
}

export async function runTestCard(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
): Promise<void> {
  await refuseWhileCardAtSlot(journal, printer);
  return journaledAct(journal, transactionId, 'maintenance.testCard', async () => {
    try {
      await feedCounted(journal, printer, (count) =>
        journaledAct(
          journal,
          transactionId,
          'maintenance.testCard.feed',
          () => printer.feedToChipStation(),
          count,
        ),
      );
      await printer.printFace(testCardFace());
    } finally {
      // whatever happened, a card inside goes to the reject bin, never to the slot
      if (printer.cardPosition() !== 'none') {
        await rejectCounted(journal, printer, (count) =>
          journaledAct(
            journal,
            transactionId,
            'maintenance.testCard.reject',
            () => printer.ejectToRejectBin('test'),
            count,
          ),
        );
      }
    }
  });
}

/**
 * Boot recovery of a staff visit whose test card a restart cut off (`sessions/open-transaction-recovery.ts`):
 * a blank left inside the printer (at the chip station, printed or not) goes to the reject bin as
 * `recovery.card.reject`, counted as the kiosk's rejects (caught up at the next boot if a restart
 * cuts this one off), as card making's recovery does; a jammed card stays for field staff. Left
 * there, the blank was neither spoiled nor in the hopper, and the next feed met it.
 */
export async function rejectTestCardLeft(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
): Promise<void> {
  const position = printer.cardPosition();
  if (position === 'none' || position === 'jammed') return;
  await rejectBlankLeftAtBoot(journal, printer, transactionId, position, 'test');
}

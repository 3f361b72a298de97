/**
 * What the specs of a card jammed in the card printer share: a printer without card counters (its
 * reject bin has no count of its own, so the journal keeps it) as field staff find and leave it
 * (`jammed` until they clear it), the kiosk's devices around it for staff's checks, and the journal
 * as a card making that met the jam left it (the bin counted 2 at the last emptying, the card
 * making's reject skipped for the card jammed inside).
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';

/** A card printer without card counters; `state.jammed` until staff clear it. */
export function uncountedCardPrinter(jammed: boolean) {
  const state = { jammed };
  const status = (): DeviceStatus =>
    ({
      driver: 'fake',
      updatedAt: new Date(0).toISOString(),
      kind: 'cardPrinter',
      device: state.jammed ? 'hardwareError' : 'online',
      ...(state.jammed && { fault: { code: ErrorCode.CARD_PRINTER_JAM } }),
      supplies: [
        { name: 'cardHopper', level: 'ok', count: 38 },
        { name: 'rejectBin', level: 'ok' },
      ],
    }) as DeviceStatus;
  const port = {
    status,
    cardPosition: () => (state.jammed ? 'jammed' : 'none'),
    selfTest: async () => status(),
  };
  /** the kiosk's devices for staff's checks: the staff PIN pad and this printer */
  const devices = (pinPad: unknown) =>
    ({ pinPad, cardPrinter: port, statuses: () => [status()], emulators: {} }) as unknown as DevicesService;
  return { state, status, port, devices };
}

/** The journal's bin counted 2, then a card making that met the jam: its reject skipped. */
export async function jamMetByCardMaking(journal: JournalService): Promise<void> {
  await journal.counters.recordCounters('cardPrinter', { blanks: 38, rejectBin: 2 });
  await cardMakingJammed(journal, 's-1', 'replaceCard');
}

/** A later card making jammed too, after the first's jam was cleared on the printer. */
export const laterJamMet = (journal: JournalService) => cardMakingJammed(journal, 's-2', 'issueCard');

/** A card making whose reject was skipped for the card jammed inside. */
async function cardMakingJammed(journal: JournalService, session: string, journey: string): Promise<void> {
  const making = await journal.openTransaction(session, journey);
  await journal.recordStep(making, 'card.reject', 'event', {
    attempt: 1,
    reason: 'print',
    skipped: 'jammed',
  });
  await journal.closeTransaction(making, 'failed', ErrorCode.CARD_PRINTER_JAM);
}

/** The journal's count of the card printer's reject bin. */
export async function journalRejectBin(journal: JournalService): Promise<number | undefined> {
  return (await journal.counters.latestCounters()).cardPrinter?.counters.rejectBin;
}

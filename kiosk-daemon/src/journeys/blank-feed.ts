/**
 * A blank in card making (ADR 0008): taken from the hopper to the chip station with the station
 * looked at first (a blank fed to a station known unable to encode it is only spoiled, a card
 * number ordered for it only voided), filed in the reject bin by the step it was spoiled at, and
 * the end of making when a fault leaves no further blank to try.
 */
import type { CardPrinterPort, CardRejectReason, ChipStation } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';
import { feedCounted } from './kiosk-fed-blank.js';

/** Where a blank is in card making: the step a fault that spoils it happened at. */
export type BlankStep = 'feed' | 'chip' | 'print';

/**
 * Why a spoiled blank goes to the reject bin, by the step its fault happened at (the reject bin's
 * account and the fleet read it): a device's fault at the chip step is the chip station's (its
 * reader lost is DEVICE_OFFLINE, like the printer's), the printer's own (a jam, its cover) or one
 * at the feed or the print the printer's; a chip read back wrong is `readBackFailed`; anything
 * else (the host's key refused) `other`.
 */
export function rejectReasonOf(code: string, at: BlankStep | undefined): CardRejectReason {
  if (code === ErrorCode.CARD_MAKING_FAILED) return 'readBackFailed';
  if (code === ErrorCode.CARD_PRINTER_JAM) return 'jam';
  if (!['CARD_', 'DEVICE_', 'PRINTER_'].some((device) => code.startsWith(device))) return 'other';
  return at === 'chip' && !code.startsWith('CARD_PRINTER_') ? 'chipFailed' : 'printFailed';
}

/** Faults after which no further blank can be made: staff must act first. */
const STOPS_MAKING: readonly string[] = [
  ErrorCode.CARD_PRINTER_JAM,
  ErrorCode.DEVICE_SUPPLY_EMPTY,
  ErrorCode.DEVICE_BIN_FULL,
  ErrorCode.DEVICE_OFFLINE,
  ErrorCode.DEVICE_HARDWARE_ERROR,
  ErrorCode.CARD_PRINTER_COVER_OPEN,
];

/**
 * The end of card making after a blank failed with `code`, when no further blank can be made
 * (undefined: the next one is tried). A resident who paid the fee is told it stays with the
 * application, the card made later with no second fee (ADR 0008); one who paid none is told no fee.
 */
export function makingStoppedBy(code: string, feePaid: boolean): KioskError | undefined {
  if (!STOPS_MAKING.includes(code)) return undefined;
  const stopped = 'The card printer cannot make a card right now';
  return new KioskError(
    code as ErrorCode,
    feePaid
      ? `${stopped}. Your paid fee is kept with your application and is not charged again; please go to a service counter with your ID card.`
      : `${stopped}; please go to a service counter.`,
  );
}

/**
 * The station looked at before `step` acts: known down (its reader unplugged, pcscd away), the
 * decision is journaled (`step` skipped, `chipStationOffline`, with the code) and card making
 * stops with the station's DEVICE_OFFLINE, down the road of any fault that stops making.
 */
export async function stopIfStationDown(
  tools: JourneyTools,
  station: ChipStation,
  step: string,
  detail: StepDetail,
): Promise<void> {
  const down = station.fault();
  if (!down) return;
  await tools.step(step, { ...detail, skipped: 'chipStationOffline', code: down.code });
  throw new KioskError(ErrorCode.DEVICE_OFFLINE, down.message, { device: 'chipStation' });
}

/**
 * The blank to the chip station, the station looked at first: known down (its reader unplugged,
 * pcscd away), no blank is taken, the decision journaled (`card.feed` skipped, with the code)
 * and card making stops with the station's DEVICE_OFFLINE, down the road of any fault that stops
 * making (nothing to reject, the number reported abandoned, a paid fee kept with the application).
 * A station lost after this look still takes a blank, whose encoding fails (ADR 0008).
 */
export async function feedBlankUnlessStationDown(
  journal: JournalService,
  tools: JourneyTools,
  station: ChipStation,
  printer: CardPrinterPort,
  detail: StepDetail,
  signal: AbortSignal,
): Promise<void> {
  await stopIfStationDown(tools, station, 'card.feed', detail);
  // counted out of the journal's count of a hopper the printer does not count (kiosk-fed-blank.ts)
  await feedCounted(journal, printer, (count) =>
    tools.irreversible('card.feed', () => printer.feedToChipStation(signal), { ...detail, ...count }),
  );
}

/**
 * A blank taken from the hopper to the chip station by card making, the station looked at first
 * (ADR 0008): a blank fed to a station known unable to encode it is only spoiled, and a card
 * number ordered for it only voided.
 */
import type { CardPrinterPort, CardRejectReason, ChipStation } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { StepDetail } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';

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
  tools: JourneyTools,
  station: ChipStation,
  printer: CardPrinterPort,
  detail: StepDetail,
  signal: AbortSignal,
): Promise<void> {
  await stopIfStationDown(tools, station, 'card.feed', detail);
  await tools.irreversible('card.feed', () => printer.feedToChipStation(signal), detail);
}

/**
 * A blank taken from the hopper to the chip station by card making, the station looked at first
 * (ADR 0008): a blank fed to a station known unable to encode it is only spoiled.
 */
import type { CardPrinterPort, ChipStation } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { StepDetail } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';

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
  const down = station.fault();
  if (down) {
    await tools.step('card.feed', { ...detail, skipped: 'chipStationOffline', code: down.code });
    throw new KioskError(ErrorCode.DEVICE_OFFLINE, down.message, { device: 'chipStation' });
  }
  await tools.irreversible('card.feed', () => printer.feedToChipStation(signal), detail);
}

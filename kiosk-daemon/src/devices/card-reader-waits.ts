/**
 * How long the card reader's open (before the daemon's ready line) waits for pcscd to list a
 * reader, as the profile says: on `pcsc` its start wait (`startWaitMs`; a reader listed later is
 * taken into service when it appears), on `auto` its probe (`probeWaitMs`; no reader listed by
 * then, and the in-process virtual cards are chosen). On both, a chip command mid-session waits
 * for the reader lost (pcscd restarting, its link dropped) as boot recovery waits for a reader's
 * word on the card (`positionWaitMs`). The emulator waits for nothing.
 */
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderConfig } from '@kiosk/device-drivers';

export function cardReaderWaitsOf(
  reader: KioskConfig['devices']['cardReader'],
): Pick<CardReaderConfig, 'startWaitMs' | 'probeMs' | 'lostReaderWaitMs'> {
  if (reader.driver === 'pcsc')
    return { startWaitMs: reader.startWaitMs, lostReaderWaitMs: reader.positionWaitMs };
  if (reader.driver === 'auto')
    return { probeMs: reader.probeWaitMs, lostReaderWaitMs: reader.positionWaitMs };
  return {};
}

/**
 * Fault: the ID card's validity was read against the UTC day, not the kiosk's (`kiosk.timeZone`):
 * between midnight and 08:00 China time an ID card that expired yesterday identified its holder
 * (RULES.md: an expired ID card is refused). The identify journey as the daemon provides it now
 * hands the check the kiosk's zone from its configuration.
 *
 * The kiosk's zone here is one whose day differs from China's at the moment the spec runs (twelve
 * hours behind UTC, else fourteen ahead): a check reading any other day than the configured
 * zone's takes the card of yesterday there, or refuses the card of today there. The GA 467 driver
 * over a pseudo terminal against the byte-level emulator, the real journal (SQLite in memory).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EMULATED_ID_CARDS } from '@kiosk/device-drivers';
import { ErrorCode, kioskDayOf } from '@kiosk/domain';
import { idReaderSession } from './id-card-swap.spec-support.js';
import { dayMovedBy, zoneWhoseDayIsNotChinas } from './kiosk-zone.spec-support.js';

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const zone = zoneWhoseDayIsNotChinas();

/** the identification reads an ID card valid to `validTo`, at a kiosk in `zone` */
async function identifyWith(validTo: string) {
  const card = { ...EMULATED_ID_CARDS.zhang!, validTo };
  const session = await idReaderSession({ cards: { resident: card } }, closers, {}, {}, zone);
  return session.identified('resident');
}

describe('the ID card’s validity is read on the day of the kiosk’s configured zone', () => {
  it('takes an ID card on its last valid day there', async () => {
    const today = kioskDayOf(new Date(), zone);
    await expect(identifyWith(today)).resolves.toMatchObject({ validTo: today });
  });

  it('refuses an ID card that expired yesterday there (ID_CARD_EXPIRED)', async () => {
    const yesterday = dayMovedBy(kioskDayOf(new Date(), zone), -1);
    await expect(identifyWith(yesterday)).rejects.toMatchObject({ code: ErrorCode.ID_CARD_EXPIRED });
  });
});

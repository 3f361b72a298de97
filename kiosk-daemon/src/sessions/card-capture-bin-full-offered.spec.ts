/**
 * Fault: a full capture bin on the card reader. The card journeys were still offered, and the
 * reader then refused the retract of every card not taken back (DEVICE_BIN_FULL), the card left at
 * the slot. With the emulated reader: once its capture bin fills, the status it reports takes the
 * journeys that take a card into the reader off (CARD_CAPTURE_BIN_FULL) in the same state in which
 * it refuses a retract; emptied by field staff, they are offered again.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EmulatedCardReader } from '@kiosk/device-drivers';
import { DEVICE_KINDS, ErrorCode, JOURNEYS, type DeviceStatus } from '@kiosk/domain';
import { journeysOffered, serviceReasons } from '@kiosk/state-machines';

let reader: EmulatedCardReader | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

/** every other device online with what it needs; the card reader as it reports itself */
function kioskWith(cardReader: EmulatedCardReader): DeviceStatus[] {
  const supplies: Partial<Record<string, DeviceStatus['supplies']>> = {
    receiptPrinter: [{ name: 'paper', level: 'ok' }],
    cardPrinter: [
      { name: 'cardHopper', level: 'ok' },
      { name: 'ribbon', level: 'ok' },
    ],
    cashDispenser: [{ name: 'cassette:upper', level: 'ok' }],
  };
  return DEVICE_KINDS.map((kind) =>
    kind === 'cardReader'
      ? cardReader.status()
      : {
          kind,
          device: 'online',
          supplies: supplies[kind] ?? [],
          driver: 'emulator',
          updatedAt: '2026-11-27T08:00:00Z',
        },
  );
}

describe('card capture bin full, from the card reader’s own status', () => {
  it('takes the card journeys off when the reader would refuse a retract, and offers them again once emptied', async () => {
    const r = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { count: 1, capacity: 2 },
    });
    reader = r;
    await r.open();
    expect(journeysOffered(kioskWith(r))).toEqual([...JOURNEYS]);

    await r.insertCard('zhang'); // a card not taken back, captured: the bin is full now
    await r.retract();
    expect(journeysOffered(kioskWith(r))).toEqual(['issueCard', 'reportLoss']);
    expect(serviceReasons(kioskWith(r))).toEqual(['CARD_CAPTURE_BIN_FULL']);
    // what the journeys held back would have met: the next card not taken stays at the slot
    await r.insertCard('li');
    await r.eject();
    await expect(r.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BIN_FULL });
    await r.takeCard();

    await r.emptySupplyBin('captureBin');
    expect(journeysOffered(kioskWith(r))).toEqual([...JOURNEYS]);
    expect(serviceReasons(kioskWith(r))).toEqual([]);
  });
});

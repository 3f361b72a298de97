/** Every fault of the card reader, each named after the fault, each ending in a coded KioskError. */
import { KioskError } from '@kiosk/domain';
import type { CardEvent } from './card-reader.port.js';
import { assertCardUsable } from './card-usability.js';
import { EmulatedCardReader } from './emulated-card-reader.js';
import { pinOf, today, visitor } from './visitor-card.spec-support.js';

describe('card reader faults', () => {
  let reader: EmulatedCardReader;
  const nextEvent = (type: CardEvent['type']) =>
    new Promise<void>((resolve) => {
      const off = reader.onCardEvent((e) => {
        if (e.type === type) {
          off();
          resolve();
        }
      });
    });

  beforeEach(async () => {
    reader = new EmulatedCardReader({ today, transmitTimeoutMs: 50, extraCards: [visitor] });
    await reader.open();
  });
  afterEach(() => reader.close());

  it('card pulled mid-transaction: the command fails with CARD_REMOVED and the reader is empty', async () => {
    await reader.insertCard('zhang');
    reader.setFault('transmitTimeout'); // holds the APDU in flight while the resident pulls
    const removed = nextEvent('removed');
    const reading = reader.readCard();
    await reader.pullCard();
    await removed;
    await expect(reading).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(reader.cardPosition()).toBe('none');
    reader.setFault(null);
    await reader.insertCard('zhang');
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it('card inserted upside down: CARD_UNREADABLE, and the card can be ejected', async () => {
    reader.setFault('upsideDown');
    await reader.insertCard('zhang');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_UNREADABLE' });
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
  });

  it('mute card (no ATR): CARD_MUTE', async () => {
    reader.setFault('mute');
    await reader.insertCard('li');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_MUTE' });
    expect(reader.cardPosition()).toBe('inReader');
  });

  it('three wrong PINs: 2 and 1 attempts left, then blocked', async () => {
    await reader.insertCard('zhang');
    expect(await reader.verifyPin(pinOf('111111'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(await reader.verifyPin(pinOf('222222'))).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(await reader.verifyPin(pinOf('333333'))).toEqual({ result: 'blocked' });
  });

  it('blocked card: even the right PIN is refused as blocked, and the log stays closed', async () => {
    await reader.insertCard('zhang');
    for (const p of ['111111', '222222', '333333']) await reader.verifyPin(pinOf(p));
    expect(await reader.verifyPin(pinOf('147258'))).toEqual({ result: 'blocked' });
    await expect(reader.readTransactions()).rejects.toMatchObject({ code: 'DEVICE_PROTOCOL_ERROR' });
  });

  it('expired card: reads, then the use check says CARD_EXPIRED', async () => {
    await reader.insertCard('wang');
    const card = await reader.readCard();
    expect(card.expiryDate < '2026-11-26').toBe(true);
    expect(() => assertCardUsable(card, { today, regionPrefixes: ['4108'] })).toThrow(
      expect.objectContaining({ code: 'CARD_EXPIRED' }),
    );
  });

  it('card of another region: the use check says CARD_OTHER_REGION', async () => {
    await reader.insertCard('visitor');
    const card = await reader.readCard();
    expect(() => assertCardUsable(card, { today, regionPrefixes: ['4108'] })).toThrow(
      expect.objectContaining({ code: 'CARD_OTHER_REGION', details: { region: '410100' } }),
    );
    expect(() => assertCardUsable(card, { today })).not.toThrow(); // a kiosk serving every region
  });

  it('corrupted EF06: CARD_DATA_CORRUPT naming the field, never a crash', async () => {
    reader.cards.open('li')!.damageRecord(9, Buffer.from([9, 4, 0xff, 0xfe, 0xfd, 0x00]));
    await reader.insertCard('li');
    const error = await reader.readCard().catch((e: unknown) => e);
    expect(KioskError.is(error, 'CARD_DATA_CORRUPT')).toBe(true);
    expect((error as KioskError).details).toEqual({ field: 'name' });
  });

  it('transmit timeout: DEVICE_TIMEOUT, then the card works again once the fault clears', async () => {
    await reader.insertCard('zhang');
    reader.setFault('transmitTimeout');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    reader.setFault(null);
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it('reader offline: status offline, commands refused with DEVICE_OFFLINE, back online after', async () => {
    const states: string[] = [];
    reader.onStatus((s) => states.push(s.device));
    await reader.insertCard('zhang');
    reader.setFault('offline');
    expect(reader.status()).toMatchObject({ device: 'offline', fault: { code: 'DEVICE_OFFLINE' } });
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    await expect(reader.eject()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    reader.setFault(null);
    expect(states).toEqual(['offline', 'online']);
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it('no card: readCard and verifyPin say CARD_REMOVED', async () => {
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await expect(reader.verifyPin(pinOf('147258'))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await expect(reader.insertCard('nobody')).rejects.toMatchObject({ code: 'CARD_UNREADABLE' });
  });

  it('sixty unprinted records: CARD_RECORDS_PRINT_REQUIRED until printed', async () => {
    await reader.insertCard('li');
    await reader.verifyPin(pinOf('258369'));
    const entry = { kind: 'Q', amountFen: 0, terminalId: 'JZ0001', at: today };
    for (let i = 1; i < 60; i += 1) await reader.logTransaction(entry);
    await expect(reader.logTransaction(entry)).rejects.toMatchObject({ code: 'CARD_RECORDS_PRINT_REQUIRED' });
    const full = await reader.readCard();
    expect(full.recordsUnprinted).toBe(60);
    expect(() => assertCardUsable(full, { today })).toThrow(
      expect.objectContaining({ code: 'CARD_RECORDS_PRINT_REQUIRED' }),
    );
    expect(() => assertCardUsable(full, { today, printingRecords: true })).not.toThrow();
    await reader.markRecordsPrinted();
    await expect(reader.logTransaction(entry)).resolves.toBeUndefined();
  });

  it('a fault the reader does not know (a control sent a wrong word): refused, the reader keeps working', async () => {
    expect(() => reader.setFault('jammed' as never)).toThrow(KioskError);
    await reader.insertCard('li');
    await expect(reader.readCard()).resolves.toMatchObject({ cardNumber: expect.any(String) });
  });
});

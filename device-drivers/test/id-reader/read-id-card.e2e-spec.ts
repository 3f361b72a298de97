import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { assertIdCardUsable, EMULATED_ID_CARDS } from '../../src/id-reader/index.js';
import { nextCardEvent, startGa467Rig, type Ga467Rig } from './ga467-rig.js';

const today = new Date('2026-11-26T10:00:00Z');

describe('GA 467 ID reader over a pseudo terminal', () => {
  let rig: Ga467Rig;
  beforeEach(async () => {
    rig = await startGa467Rig();
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('opens online with no card on it', () => {
    expect(rig.reader.status()).toMatchObject({ device: 'online', driver: 'ga467' });
    expect(rig.reader.isCardPresent()).toBe(false);
  });

  it('notices a card placed and taken away', async () => {
    const placed = nextCardEvent(rig, 'placed');
    rig.emulator.placeCard('zhang');
    await placed;
    expect(rig.reader.isCardPresent()).toBe(true);
    const removed = nextCardEvent(rig, 'removed');
    rig.emulator.removeCard();
    await removed;
    expect(rig.reader.isCardPresent()).toBe(false);
  });

  it.each(DEMO_RESIDENTS.map((r) => r.key))(
    'reads the whole base message of %s, photo included',
    async (key) => {
      rig.emulator.placeCard(key);
      const card = await rig.reader.readIdCard();
      const expected = EMULATED_ID_CARDS[key];
      expect(card).toEqual({ ...expected, photo: expect.any(Uint8Array) });
      expect(Buffer.from(card.photo).equals(Buffer.from(expected?.photo ?? []))).toBe(true);
      expect(() => assertIdCardUsable(card, { today, regionPrefixes: ['4108'] })).not.toThrow();
    },
  );

  it('refuses to read without a card', async () => {
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_ABSENT });
  });

  it('honours an abort before the read starts', async () => {
    rig.emulator.placeCard('zhang');
    await expect(rig.reader.readIdCard(AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
  });

  describe('fault: expired ID card', () => {
    it('reads it, and the check refuses it before any host call', async () => {
      rig.emulator.placeCard('expired');
      const card = await rig.reader.readIdCard();
      expect(card.validTo).toBe('2025-03-01');
      expect(() => assertIdCardUsable(card, { today })).toThrow(
        expect.objectContaining({ code: ErrorCode.ID_CARD_EXPIRED }),
      );
    });
  });

  describe('fault: wrong ID number check character', () => {
    it('reads it, and the check refuses it before any host call', async () => {
      rig.emulator.placeCard('bad-checksum');
      const card = await rig.reader.readIdCard();
      expect(() => assertIdCardUsable(card, { today })).toThrow(
        expect.objectContaining({ code: ErrorCode.ID_NUMBER_CHECKSUM }),
      );
    });
  });
});

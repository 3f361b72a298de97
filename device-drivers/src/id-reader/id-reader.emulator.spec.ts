import { DEMO_RESIDENTS, ErrorCode, isValidResidentId } from '@kiosk/domain';
import { IdReaderEmulator } from './id-reader.emulator.js';
import type { IdCardEvent } from './id-reader.port.js';

const ZHANG = DEMO_RESIDENTS.find((d) => d.key === 'zhang')!.idNumber;
const LI = DEMO_RESIDENTS.find((d) => d.key === 'li')!.idNumber;

async function openReader(options = {}): Promise<IdReaderEmulator> {
  const r = new IdReaderEmulator(options);
  await r.open();
  return r;
}

describe('IdReaderEmulator', () => {
  it('holds an ID card for every demo resident, an expired one and one with a wrong checksum', async () => {
    const r = await openReader();
    expect(r.cardKeys()).toEqual(
      expect.arrayContaining([...DEMO_RESIDENTS.map((d) => d.key), 'expired', 'bad-checksum']),
    );
  });

  it('reports a card placed and removed, and reads the holder', async () => {
    const r = await openReader();
    const events: IdCardEvent[] = [];
    r.onCardEvent((e) => events.push(e));
    r.placeCard('zhang');
    expect(r.isCardPresent()).toBe(true);
    const card = await r.readIdCard();
    const zhang = DEMO_RESIDENTS.find((d) => d.key === 'zhang');
    expect(card).toMatchObject({
      name: zhang?.name,
      sex: 'male',
      birthDate: '1980-03-15',
      idNumber: zhang?.idNumber,
      ethnicity: '汉',
    });
    expect(card.photo).toHaveLength(1024);
    expect(isValidResidentId(card.idNumber)).toBe(true);
    r.removeCard();
    expect(events).toEqual([{ type: 'placed' }, { type: 'removed' }]);
  });

  it('the card read, swapped for another (or laid back) since: not the card read; left there: it is', async () => {
    const r = await openReader();
    await expect(r.sameCardAsRead(ZHANG)).resolves.toBe(false);
    r.placeCard('zhang');
    await r.readIdCard();
    await expect(r.sameCardAsRead(ZHANG)).resolves.toBe(true);
    r.placeCard('li');
    await expect(r.sameCardAsRead(ZHANG)).resolves.toBe(false);
    await r.readIdCard();
    r.removeCard();
    r.placeCard('li');
    await expect(r.sameCardAsRead(LI)).resolves.toBe(false);
    r.removeCard();
    await expect(r.sameCardAsRead(LI)).resolves.toBe(false);
  });

  it("fault: id-card-swapped-between-polls: another person's card read since (by the check that refused it) is not the card asked after", async () => {
    const r = await openReader();
    r.placeCard('zhang');
    await r.readIdCard();
    r.placeCard('li');
    await r.readIdCard();
    // li's card lies there, read and never lifted: it answers for li, never for zhang
    await expect(r.sameCardAsRead(ZHANG)).resolves.toBe(false);
    await expect(r.sameCardAsRead(LI)).resolves.toBe(true);
  });

  it('hands out a copy of the photo, so a consumer cannot alter the card', async () => {
    const r = await openReader();
    r.placeCard('li');
    const first = await r.readIdCard();
    first.photo.fill(0);
    const second = await r.readIdCard();
    expect(second.photo.some((b) => b !== 0)).toBe(true);
  });

  it('takes the old card off when another is placed', async () => {
    const r = await openReader();
    const events: string[] = [];
    r.onCardEvent((e) => events.push(e.type));
    r.placeCard('zhang');
    r.placeCard('li');
    expect(events).toEqual(['placed', 'removed', 'placed']);
    await expect(r.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
  });

  it('refuses an unknown card key with a coded error', async () => {
    const r = await openReader();
    expect(() => r.placeCard('nobody')).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL }));
  });

  it('refuses to read without a card', async () => {
    const r = await openReader();
    await expect(r.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_ABSENT });
  });

  it('refuses a second read while one runs (device busy)', async () => {
    const r = await openReader({ readMs: 5 });
    r.placeCard('zhang');
    const first = r.readIdCard();
    await expect(r.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await first;
  });

  it('cancels a read when the session aborts', async () => {
    const r = await openReader({ readMs: 10_000 });
    r.placeCard('zhang');
    const controller = new AbortController();
    const pending = r.readIdCard(controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
    await expect(r.readIdCard(AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
  });

  describe('fault: unreadable card', () => {
    it('refuses with ID_CARD_UNREADABLE', async () => {
      const r = await openReader();
      r.placeCard('zhang');
      r.setFault('unreadable');
      await expect(r.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_UNREADABLE });
    });
  });

  describe('fault: offline', () => {
    it('refuses with DEVICE_OFFLINE and reports offline', async () => {
      const r = await openReader();
      r.setFault('offline');
      expect(r.status().device).toBe('offline');
      await expect(r.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      r.setFault(null);
      expect(r.status().device).toBe('online');
    });
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const device = await openReader();
    expect(() => device.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});

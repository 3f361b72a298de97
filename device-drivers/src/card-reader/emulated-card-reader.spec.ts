import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoResident, type DeviceStatus } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import type { CardEvent } from './card-reader.port.js';
import { EmulatedCardReader } from './emulated-card-reader.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

describe('EmulatedCardReader', () => {
  let reader: EmulatedCardReader;
  let events: CardEvent['type'][];

  beforeEach(async () => {
    reader = new EmulatedCardReader({ today: new Date('2026-11-26'), captureBin: { capacity: 2 } });
    events = [];
    reader.onCardEvent((e) => events.push(e.type));
    await reader.open();
  });
  afterEach(() => reader.close());

  it('reads the card of a demo resident through the APDU layer', async () => {
    await reader.insertCard('zhang');
    expect(reader.cardPosition()).toBe('inReader');
    const card = await reader.readCard();
    const zhang = demoResident('zhang')!;
    expect(card).toMatchObject({
      cardNumber: zhang.cardNumber,
      idNumber: zhang.idNumber,
      name: zhang.name,
      sex: 'male',
      birthDate: zhang.birthDate,
      issueDate: zhang.cardIssueDate,
      expiryDate: '2030-06-01',
      cardType: '1',
      version: '3.00',
      ethnicity: '01',
      birthPlace: '410802',
      recordsUnprinted: 1,
    });
    expect(card.cardIdentifier).toMatch(/^[0-9A-F]{32}$/);
  });

  it('verifies the PIN, logs a transaction and reads the log back', async () => {
    await reader.insertCard('li');
    await reader.readCard();
    expect(await reader.verifyPin(pinOf('258369'))).toEqual({ result: 'ok' });
    const at = new Date('2026-11-26T09:00:00Z');
    await reader.logTransaction({ kind: 'W', amountFen: 50_000, terminalId: 'JZ0001', at });
    const log = await reader.readTransactions();
    expect(log[0]).toEqual({ kind: 'W', amountFen: 50_000, terminalId: 'JZ0001', at });
    expect((await reader.readCard()).recordsUnprinted).toBe(2);
    await reader.markRecordsPrinted();
    expect((await reader.readCard()).recordsUnprinted).toBe(0);
  });

  it('activates a new card by changing the default PIN', async () => {
    await reader.insertCard('zhao');
    expect(await reader.changePin(pinOf('123456'), pinOf('802468'))).toEqual({ result: 'ok' });
    expect(await reader.verifyPin(pinOf('802468'))).toEqual({ result: 'ok' });
  });

  it('ejects the card to the slot, then the resident takes it', async () => {
    await reader.insertCard('zhang');
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
    expect(reader.listCards().find((c) => c.cardId === 'zhang')?.location).toBe('atSlot');
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await reader.takeCard();
    expect(reader.cardPosition()).toBe('none');
    expect(events).toEqual(['inserted', 'ejected', 'taken']);
  });

  it('retracts a card into the capture bin and counts it', async () => {
    const statuses: DeviceStatus[] = [];
    reader.onStatus((s) => statuses.push(s));
    await reader.insertCard('zhang');
    await reader.retract();
    expect(events).toEqual(['inserted', 'retracted']);
    expect(reader.status().supplies).toEqual([
      { name: 'captureBin', level: 'ok', count: 1, capacity: 2, threshold: 1 },
    ]);
    expect(statuses.at(-1)?.supplies[0]?.count).toBe(1);
    expect(reader.listCards().find((c) => c.cardId === 'zhang')?.location).toBe('captured');
    await expect(reader.insertCard('zhang')).rejects.toMatchObject({ code: 'DEVICE_BUSY' });
  });

  it('refuses to retract into a full capture bin and keeps the card', async () => {
    for (const id of ['zhang', 'li']) {
      await reader.insertCard(id);
      await reader.retract();
    }
    expect(reader.status().supplies[0]?.level).toBe('full');
    await reader.insertCard('wang');
    await expect(reader.retract()).rejects.toMatchObject({ code: 'DEVICE_BIN_FULL' });
    expect(reader.cardPosition()).toBe('inReader');
    expect(reader.emptyCaptureBin()).toBe(2);
    expect(reader.status().supplies[0]?.level).toBe('ok');
  });

  it('reports itself online as the emulator', () => {
    expect(reader.status()).toMatchObject({ kind: 'cardReader', device: 'online', driver: 'emulator' });
  });

  it('rejects a command whose signal is aborted with the signal reason', async () => {
    await reader.insertCard('zhang');
    const controller = new AbortController();
    controller.abort(new Error('resident walked away'));
    await expect(reader.readCard(controller.signal)).rejects.toThrow('resident walked away');
    expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000101' });
  });

  it('keeps a card and its counters in its file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-cards-'));
    try {
      const first = new EmulatedCardReader({ cardDirectory: dir });
      await first.open();
      await first.insertCard('zhang');
      expect(await first.verifyPin(pinOf('000000'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
      await first.close();
      const second = new EmulatedCardReader({ cardDirectory: dir });
      await second.open();
      await second.insertCard('zhang');
      expect(await second.verifyPin(pinOf('000001'))).toEqual({ result: 'wrong', attemptsLeft: 1 });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

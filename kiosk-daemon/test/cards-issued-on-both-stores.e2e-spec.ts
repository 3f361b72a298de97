/**
 * The cards issued count and the card blanks' account on both journal stores (`journal-stores.ts`,
 * SQLite file and PostgreSQL, each migrated from empty): hand-overs counted once each, the same one
 * counted again moving nothing, a count a restart cut off after its step caught up once, and the
 * reconciliation's card blanks read back from the store: loaded = issued + spoiled + missing +
 * remaining, a blank gone unexplained shown as the difference.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { DataSource } from 'typeorm';
import { JournalService } from '../src/journal/journal.service.js';
import { MaintenanceSupplyLog } from '../src/journal/maintenance-supply-log.service.js';
import { catchUpCardsIssued, CARD_TAKEN_STEP, countCardIssued } from '../src/journeys/cards-issued.js';
import { reconcileCardBlanks } from '../src/maintenance/card-blanks-reconciliation.js';
import { journalStores, type JournalStore } from './journal-stores.js';

describe.each(journalStores('cards issued'))('cards issued on %s', (_name, make) => {
  let store: JournalStore;
  const open: DataSource[] = [];
  beforeAll(() => {
    store = make();
  });
  afterAll(async () => {
    for (const db of open) if (db.isInitialized) await db.destroy();
    await store.close();
  }, 30_000);

  async function kiosk() {
    const db = new DataSource(await store.fresh());
    await db.initialize();
    open.push(db);
    const journal = new JournalService(db, {
      kiosk: { id: 'JZ-0001' },
      journal: { retentionDays: 30 },
    } as KioskConfig);
    await journal.onModuleInit();
    const issued = async () => (await journal.counters.latestCounters()).cardPrinter?.counters.issued;
    return { db, journal, issued };
  }

  it('counted once per hand-over; the same hand-over again moves nothing; a count cut off by a restart is caught up once', async () => {
    const { journal, issued } = await kiosk();
    await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 0 });
    const first = await journal.openTransaction('s1', 'issueCard');
    expect(await countCardIssued(journal, first, 'H41******999')).toBe(1);
    expect(await countCardIssued(journal, first, 'H41******999', { by: 'recovery' })).toBe(1);
    // the next hand-over's step written, the kiosk stopped before its count
    const second = await journal.openTransaction('s2', 'issueCard');
    await journal.recordStep(second, CARD_TAKEN_STEP, 'event', { card: 'H41******998', issued: 2 });
    expect(await issued()).toBe(1);
    expect(await catchUpCardsIssued(journal)).toBe(2);
    expect(await catchUpCardsIssued(journal)).toBeUndefined();
    expect(await countCardIssued(journal, second, 'H41******998', { by: 'recovery' })).toBe(2);
    expect(await issued()).toBe(2);
  });

  it('the card blanks read back: 40 + 10 loaded = 2 issued + 1 spoiled + 1 missing + 46 left; a blank more gone is the difference', async () => {
    const { db, journal, issued } = await kiosk();
    const log = new MaintenanceSupplyLog(db);
    const since = new Date(Date.now() - 60_000).toISOString();
    await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 0 });
    await journal.counters.recordCounters('cardPrinter', { blanks: 39 });
    await countCardIssued(journal, await journal.openTransaction('s1', 'issueCard'), 'H41******999');
    await journal.counters.recordCounters('cardPrinter', { blanks: 38, rejectBin: 1 });
    await journal.counters.recordCounters('cardPrinter', { blanks: 37 });
    await countCardIssued(journal, await journal.openTransaction('s2', 'issueCard'), 'H41******998');
    // a card making staff settled missing
    await journal.counters.recordCounters('cardPrinter', { blanks: 36 });
    await journal.recordStep(
      await journal.openTransaction('s3', 'issueCard'),
      'recovery.staffCounted',
      'event',
      {
        blank: 'missing',
      },
    );
    await log.append({
      transactionId: await journal.openTransaction('visit', 'maintenance'),
      staffId: 'FS-0001',
      kind: 'cardPrinter',
      supply: 'cardHopper',
      action: 'refill',
      quantity: 10,
      journalBefore: 36,
      countedByStaff: 36,
      deviceBefore: 36,
      deviceAfter: 46,
    });
    await journal.counters.recordCounters('cardPrinter', { blanks: 46 });
    expect(await issued()).toBe(2);
    const account = async () =>
      reconcileCardBlanks(
        await log.countersSince(since),
        await log.since(since),
        await log.cardsFoundMissingSince(since),
      );
    expect(await account()).toEqual({
      hopperBefore: 40,
      loaded: 10,
      issued: 2,
      spoiled: 1,
      missing: 1,
      remaining: 46,
      difference: 0,
      reconciles: true,
    });
    // a blank fed and never seen again: not issued, not spoiled, not settled
    await journal.counters.recordCounters('cardPrinter', { blanks: 45 });
    expect(await account()).toMatchObject({ issued: 2, remaining: 45, difference: 1, reconciles: false });
  });
});

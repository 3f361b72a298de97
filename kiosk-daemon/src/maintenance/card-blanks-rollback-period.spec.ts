/**
 * The fault: a reconciliation period whose first card printer record holds no issued count, as
 * one written by a release without the count while a terminal was rolled back, counted the cards
 * issued from 0: the period took every card the kiosk ever issued for its own, and the card
 * blanks' account showed a shortfall of all of them. The count the period starts from is the last
 * hand-over journaled before that record (`card.taken` carries the count it makes).
 *
 * The real journal (SQLite, migrated as at boot); the older release's record inserted as it wrote
 * it, the hand-overs journaled as the journey journals them.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DeviceCountersRecord } from '../journal/device-counters.entity.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { countCardIssued } from '../journeys/cards-issued.js';
import { firstRecordWithoutIssued, reconcileCardBlanks } from './card-blanks-reconciliation.js';

let db: DataSource;
let journal: JournalService;
beforeEach(async () => {
  ({ db, journal } = await openMemoryJournal());
});
afterEach(() => db.destroy());

async function handOver(n: number): Promise<number> {
  const transactionId = await journal.openTransaction(`session-${n}`, 'issueCard');
  return countCardIssued(journal, transactionId, `6217****${String(n).padStart(4, '0')}`);
}

/** The card blanks' account since `from`, read as the maintenance view reads it. */
async function accountSince(from: string) {
  const log = new MaintenanceSupplyLog(db);
  const history = await log.countersSince(from);
  const start = firstRecordWithoutIssued(history);
  const issuedAtStart = start === undefined ? 0 : await log.issuedAsOf(start);
  return reconcileCardBlanks(
    history,
    await log.since(from),
    await log.cardsFoundMissingSince(from),
    issuedAtStart,
  );
}

describe('card blanks over a period that starts in a rollback', () => {
  it('fault: a period starting at an older release record counts the cards issued in it, not every card ever issued', async () => {
    for (const n of [1, 2, 3]) await handOver(n);
    await delay(5);
    // the terminal rolled back: the older release records the hopper without an issued count
    const from = new Date().toISOString();
    await db.manager.insert(DeviceCountersRecord, {
      kind: 'cardPrinter',
      at: from,
      counters: JSON.stringify({ blanks: 50, rejectBin: 0 }),
    });
    // upgraded again: one card made from the hopper and handed over
    await journal.counters.recordCounters('cardPrinter', { blanks: 49 });
    expect(await handOver(4)).toBe(4);

    expect(await new MaintenanceSupplyLog(db).issuedAsOf(from)).toBe(3);
    expect(await accountSince(from)).toMatchObject({
      hopperBefore: 50,
      issued: 1,
      remaining: 49,
      difference: 0,
      reconciles: true,
    });
  });

  it('a period before any card was ever handed over starts from none issued', async () => {
    const from = new Date().toISOString();
    await journal.counters.recordCounters('cardPrinter', { blanks: 50, rejectBin: 0 });
    await journal.counters.recordCounters('cardPrinter', { blanks: 49, rejectBin: 0 });
    expect(await handOver(1)).toBe(1);
    expect(await accountSince(from)).toMatchObject({ issued: 1, difference: 0, reconciles: true });
  });
});

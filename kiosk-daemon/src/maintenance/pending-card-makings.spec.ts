/**
 * Fault: a card printer counts record in the journal that does not read (a record the journal's
 * schema refuses) made `pendingCardMakings` throw, and with it the supervisor's whole view of the
 * card makings left for staff. Now the journal's side of the counts reads null, the card making and
 * the printer's own counts are still shown.
 *
 * A real journal (SQLite in a temp folder); the printer is a fake with only the status the view reads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CardPrinterPort, CashDispenserPort } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { pendingCardMakings } from './pending-card-makings.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;

/** A printer with 39 blanks in its hopper and 3 cards in its reject bin. */
const printer = {
  status: (): DeviceStatus =>
    ({
      driver: 'fake',
      updatedAt: new Date(0).toISOString(),
      kind: 'cardPrinter',
      device: 'online',
      supplies: [
        { name: 'cardHopper', level: 'ok', count: 39 },
        { name: 'rejectBin', level: 'ok', count: 3 },
      ],
    }) as DeviceStatus,
} as unknown as CardPrinterPort;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-pending-card-makings-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A card making journaled up to the card's print and left for staff by recovery. */
async function undecidedCardMaking(): Promise<string> {
  const tx = await journal.openTransaction('s1', 'issueCard');
  await journal.recordStep(tx, 'card.print', 'intent');
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'card whereabouts unknown' });
  return tx;
}

describe('a card printer counts record in the journal that does not read', () => {
  it('the journal side reads null, the card making and the printer’s counts still shown', async () => {
    await journal.counters.recordCounters('cardPrinter', { rejectBin: 1 });
    await db.query(`INSERT INTO device_counters (kind, at, counters) VALUES (?, ?, ?)`, [
      'cardPrinter',
      new Date().toISOString(),
      '{"rejectBin": "not a count"}',
    ]);
    const tx = await undecidedCardMaking();
    expect(await pendingCardMakings(journal, printer)).toEqual([
      expect.objectContaining({
        transactionId: tx,
        journey: 'issueCard',
        stoppedAt: 'card.print:intent',
        counters: { hopper: 39, rejectBinDevice: 3, rejectBinJournal: null },
      }),
    ]);
  });

  it('a record that reads: the journal side is shown beside the printer’s', async () => {
    await journal.counters.recordCounters('cardPrinter', { rejectBin: 1 });
    const tx = await undecidedCardMaking();
    expect(await pendingCardMakings(journal, printer)).toEqual([
      expect.objectContaining({
        transactionId: tx,
        counters: { hopper: 39, rejectBinDevice: 3, rejectBinJournal: 1 },
      }),
    ]);
  });
});

describe('after a crash (boot reconcile records what the devices hold as the journal’s latest)', () => {
  /** A printer that does not count its reject bin (why a card making is left for staff): 39 blanks. */
  const uncounting = {
    status: (): DeviceStatus =>
      ({
        ...printer.status(),
        supplies: [
          { name: 'cardHopper', level: 'ok', count: 39 },
          { name: 'rejectBin', level: 'ok' },
        ],
      }) as DeviceStatus,
  } as unknown as CardPrinterPort;

  it('the reject bin as the journal recorded it before the card making, not overwritten by the boot: the count the verdict moves one up', async () => {
    await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 1 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.recordStep(tx, 'card.print', 'intent');
    // the kiosk dies with the blank taken; the next boot records the printer's counts
    const differences = await reconcileDeviceCounters(
      journal.counters,
      {
        statuses: () => [uncounting.status()],
        cashDispenser: { countsFromJournal: false } as unknown as CashDispenserPort,
      },
      { log: () => undefined, warn: () => undefined },
    );
    expect(differences).toEqual(['cardPrinter.blanks: 40 → 39']);
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'card whereabouts unknown' });

    expect(await pendingCardMakings(journal, uncounting)).toEqual([
      expect.objectContaining({
        transactionId: tx,
        counters: { hopper: 39, rejectBinDevice: null, rejectBinJournal: 1 },
      }),
    ]);
  });
});

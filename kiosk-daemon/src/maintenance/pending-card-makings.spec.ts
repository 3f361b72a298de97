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
import type { CardPrinterPort } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
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

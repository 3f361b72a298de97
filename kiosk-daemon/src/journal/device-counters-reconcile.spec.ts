/**
 * Boot's reconcile when the journal's last dispenser counts do not read. A dispenser that counts
 * nothing itself (a real LCDM) starts from the journal's notes: with them unreadable it would start
 * from the configured counts, a guess about money, so the boot is refused JOURNAL_BAD_RECORD. A
 * dispenser that counts its own notes does not need them: its counts are recorded as the new truth.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { reconcileDeviceCounters } from './device-counters-reconcile.js';
import { DeviceCountersService } from './device-counters.service.js';
import { openMemoryJournalDb } from './memory-journal.spec-support.js';

const quiet = { log: () => undefined, warn: () => undefined };

async function journalWithUnreadableDispenserCounts() {
  const db = await openMemoryJournalDb();
  await db.query(`INSERT INTO "device_counters" ("kind", "at", "counters") VALUES (?, ?, ?)`, [
    'cashDispenser',
    '2026-11-26T08:00:00.000Z',
    '{"cassettes": [{"cassette": "A", "denominationFen": 10000, "notes": 19',
  ]);
  return { db, counters: new DeviceCountersService(db) };
}

function dispenser(countsFromJournal: boolean) {
  const restored: unknown[] = [];
  const port = {
    countsFromJournal,
    restoreCounts: (counts: unknown) => restored.push(counts),
    cassettes: () => [{ cassette: 'A', denominationFen: 10000, notes: 500 }],
  } as unknown as CashDispenserPort;
  return { port, restored };
}

describe('boot reconcile with the journal’s last dispenser counts unreadable', () => {
  it('fault: a dispenser that counts nothing itself: refused JOURNAL_BAD_RECORD, nothing restored or recorded', async () => {
    const { db, counters } = await journalWithUnreadableDispenserCounts();
    const { port, restored } = dispenser(true);
    const refusal = await reconcileDeviceCounters(
      counters,
      { statuses: () => [], cashDispenser: port },
      quiet,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(KioskError);
    expect((refusal as KioskError).code).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect(restored).toEqual([]);
    expect(await db.query('SELECT COUNT(*) AS n FROM "device_counters"')).toEqual([{ n: 1 }]);
    await db.destroy();
  });

  it('a dispenser that counts its own notes: nothing needed from the journal, the boot goes on', async () => {
    const { db, counters } = await journalWithUnreadableDispenserCounts();
    const { port, restored } = dispenser(false);
    await expect(
      reconcileDeviceCounters(counters, { statuses: () => [], cashDispenser: port }, quiet),
    ).resolves.toEqual([]);
    expect(restored).toEqual([]);
    await db.destroy();
  });
});

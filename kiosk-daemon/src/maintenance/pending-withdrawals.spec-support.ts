/**
 * What the specs of the withdrawals left for staff (`pendingWithdrawals`) share: a real journal
 * (SQLite in a temp folder) and the cash dispenser emulator, opened before each case and closed
 * after it; li's withdrawal of 200 yuan left for staff; and the dispenser's counters as the journal
 * last recorded them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, jest } from '@jest/globals';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';

export const li = demoResident('li')!;

/** The case's journal and dispenser (set before each case), and the steps the specs take on them. */
export interface PendingWithdrawalsWorld {
  readonly db: DataSource;
  readonly journal: JournalService;
  readonly dispenser: CashDispenserEmulator;
  /** li's withdrawal of 200 yuan, journaled up to the dispense's intent and left for staff by recovery */
  undecidedWithdrawal(): Promise<string>;
  /**
   * The counters journaled at `at`: full cassettes, empty bins, and a third cassette. The intents
   * here name no counters record (as an older daemon journaled them), so "before the withdrawal"
   * is the record at or before the intent's time (ms): a spec that records after an intent gives
   * the intent an earlier time, so the two never share a millisecond on a fast machine. The
   * journey's own intents name the record (by order: the spec
   * counters-record-in-dispense-intent-millisecond).
   */
  recorded(at?: Date): Promise<unknown>;
}

/** The world, its journal and dispenser opened before each case of the spec and closed after it. */
export function pendingWithdrawalsWorld(): PendingWithdrawalsWorld {
  let dir: string;
  let opened: { db: DataSource; journal: JournalService; dispenser: CashDispenserEmulator };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-pending-withdrawals-'));
    const { db, journal } = await openSpecJournal(staffConfig(dir));
    // two notes gone from the upper cassette, one note rejected and two retracted since the journal's record
    const dispenser = new CashDispenserEmulator({
      state: {
        cassettes: [
          { id: 'upper', count: 198, present: true },
          { id: 'lower', count: 200, present: true },
        ],
        rejectBin: 1,
        retractBin: 2,
        presenter: { state: 'empty', notes: [] },
        jammed: false,
      },
    });
    await dispenser.open();
    opened = { db, journal, dispenser };
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await opened.dispenser.close();
    await opened.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      return opened.db;
    },
    get journal() {
      return opened.journal;
    },
    get dispenser() {
      return opened.dispenser;
    },
    async undecidedWithdrawal() {
      const { journal } = opened;
      const tx = await journal.openTransaction('s1', 'withdraw');
      await journal.sealPersonalData(tx, 'cardNumber', li.cardNumber);
      await journal.sealPersonalData(tx, 'residentName', li.name);
      await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
      await journal.recordStep(tx, 'cash.dispense', 'intent', { amountFen: 20_000 });
      await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });
      return tx;
    },
    recorded: (at = new Date()) =>
      opened.journal.counters.recordCounters(
        'cashDispenser',
        {
          cassettes: [
            { cassette: 'upper', denominationFen: 10_000, notes: 200 },
            { cassette: 'lower', denominationFen: 5_000, notes: 200 },
            { cassette: 'third', denominationFen: 2_000, notes: 40 },
          ],
          rejectBin: 0,
          retractBin: 0,
        },
        at,
      ),
  };
}

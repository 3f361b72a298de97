/**
 * The world of the specs of a new card left at the card printer's slot (the printer offline as it
 * waits there), on a suite's daemon (`daemonForSuite`) with the demo panel and a SQLite journal
 * file: `wang`'s card making started up to the card at the slot, the journal's last card making
 * (its status and steps), the card printer's counts as the journal last recorded them, and the
 * emulator's own account of its blanks as the demo panel shows it.
 */
import type Database from 'better-sqlite3';
import { DEMO_RESIDENTS, type DemoState } from '@kiosk/domain';
import type { DaemonForSuite } from './daemon-for-suite.js';
import { readJournalFile } from './journal-steps.js';
import { startCardMaking } from './undecided-card-making.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!; // a new-card application waiting

/** the blanks the card printer emulator accounts for, as the demo panel shows them */
export type BlankCounts = NonNullable<NonNullable<DemoState['newCard']>['blanks']>;

export interface JournalStep {
  readonly step: string;
  readonly phase: string;
  readonly detail: string | null;
}

/** The newest card making in the journal: its status, its steps in order, and those as `step:phase`. */
export interface CardMaking {
  readonly id: string;
  readonly status: string;
  readonly steps: JournalStep[];
  readonly named: string[];
}

/** the card printer's counts in the journal's last record of it */
export interface JournalCounts {
  readonly issued?: number;
  readonly rejectBin?: number;
}

/** the blanks by the emulator's own account and the card printer's counts in the journal, at one time */
export interface Counts {
  readonly printer: BlankCounts;
  readonly journal: JournalCounts;
}

export interface NewCardAtSlotWorld {
  /**
   * starts `wang`'s card making once the kiosk offers it (within `offeredWithinMs`); resolves with
   * the new card waiting at the slot
   */
  newCardAtSlot(offeredWithinMs?: number): Promise<void>;
  lastCardMaking(): CardMaking;
  /** the card printer's counts in the journal's last record of it */
  journalCounts(): JournalCounts;
  /** the emulator's own account of its blanks, as the demo panel shows it */
  printerCounts(): Promise<BlankCounts>;
  /** both counts now, to compare with later (`expectOneMoreRejected`) */
  counts(): Promise<Counts>;
  /**
   * Since `before`: one more card rejected, none issued, none left inside, by the emulator's own
   * account; the journal's reject bin one up, its issued count as before.
   */
  expectOneMoreRejected(before: Counts): Promise<void>;
}

export function newCardAtSlotWorld(suite: DaemonForSuite): NewCardAtSlotWorld {
  const journal = <T>(read: (db: Database.Database) => T): T =>
    readJournalFile(suite.daemon.journalPath, read);
  const journalCounts = () =>
    journal((db) => {
      const row = db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cardPrinter' ORDER BY id DESC LIMIT 1`)
        .get() as { counters: string } | undefined;
      return row ? (JSON.parse(row.counters) as JournalCounts) : {};
    });
  const printerCounts = async () => {
    const counts = (await suite.ui.waitForDemo((d) => d.newCard?.blanks !== undefined)).newCard?.blanks;
    if (!counts) throw new Error('the demo panel shows no card printer counts');
    return counts;
  };
  return {
    async newCardAtSlot(offeredWithinMs) {
      const { ui } = suite;
      await startCardMaking(ui, wang.key, offeredWithinMs);
      await ui.waitForSession((v) => v?.step === 'takeNewCard' || v?.step === 'ended', 60_000);
      expect(ui.session?.step).toBe('takeNewCard');
    },
    lastCardMaking: () =>
      journal((db) => {
        const tx = db
          .prepare(
            `SELECT id, status FROM journal_transaction WHERE journey = 'issueCard' ORDER BY serial DESC LIMIT 1`,
          )
          .get() as { id: string; status: string };
        const steps = db
          .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
          .all(tx.id) as JournalStep[];
        return { ...tx, steps, named: steps.map((s) => `${s.step}:${s.phase}`) };
      }),
    journalCounts,
    printerCounts,
    async counts() {
      return { printer: await printerCounts(), journal: journalCounts() };
    },
    async expectOneMoreRejected(before) {
      expect(await printerCounts()).toEqual({
        ...before.printer,
        inPrinter: 0,
        rejected: before.printer.rejected + 1,
      });
      const after = journalCounts();
      expect(after.issued ?? 0).toBe(before.journal.issued ?? 0);
      expect(after.rejectBin).toBe((before.journal.rejectBin ?? 0) + 1);
    },
  };
}

/**
 * Fault: a restart between the reject-bin count and the verdict's step of a supervisor's verdict
 * `inRejectBin` (a card making recovery left for staff, on a printer that does not count its reject
 * bin). The count used to be stored before `recovery.staffCounted`: the kiosk stopping between the
 * two left the verdict to be carried through at the next boot, which counted the card again, and
 * the card blanks' reconciliation showed a difference no card explains. The restart is forced at
 * the instant by the kill harness's hook (`journal.crashAt`, ADR 0007) right before and right after
 * the step, its SIGKILL taken as a power cut of this kiosk: its journal is left as it is and a new
 * one is opened on the same store, whose boot recovery carries the verdict through. On both
 * journal stores (`journal-stores.ts`, SQLite file and PostgreSQL).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DevicesService } from '../src/devices/devices.service.js';
import type { HostService } from '../src/host/host.service.js';
import type { IssuanceHostService } from '../src/host/issuance-host.service.js';
import { JournalService } from '../src/journal/journal.service.js';
import { MaintenanceSupplyLog } from '../src/journal/maintenance-supply-log.service.js';
import { cardGonePrinter } from '../src/journeys/card-gone-printer.spec-support.js';
import { recoverIssuance } from '../src/journeys/issuance-recovery.js';
import { settleIssuanceByStaff } from '../src/journeys/issuance-staff-settlement.js';
import { reconcileCardBlanks } from '../src/maintenance/card-blanks-reconciliation.js';
import { SessionRecoveryService } from '../src/sessions/session-recovery.service.js';
import { journalStores, type JournalStore } from './journal-stores.js';

/** The kill harness's SIGKILL, taken in this process as the power cut of the kiosk under test. */
class PowerCut extends Error {}

describe.each(journalStores('reject bin count across a restart'))('a staff verdict on %s', (_name, make) => {
  // a printer that does not count its reject bin, its card gone from the slot, 39 blanks left
  const printer = cardGonePrinter(39);
  const office = jest.fn(async (..._args: unknown[]) => ({}));
  const issuance = { reportIssuance: office } as unknown as IssuanceHostService;

  let store: JournalStore;
  const keyDir = mkdtempSync(join(tmpdir(), 'kiosk-reject-bin-key-'));
  const open: DataSource[] = [];
  beforeAll(() => {
    store = make();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    office.mockClear();
  });
  afterAll(async () => {
    for (const db of open) if (db.isInitialized) await db.destroy();
    await store.close();
    rmSync(keyDir, { recursive: true, force: true });
  }, 30_000);

  /** A kiosk's journal on `options` sealing with `key` (a file); `crashAt`: the kill harness's point. */
  async function journalOn(
    options: DataSourceOptions,
    key: string,
    crashAt?: string,
  ): Promise<{ db: DataSource; journal: JournalService }> {
    const db = new DataSource(options);
    await db.initialize();
    open.push(db);
    const journal = new JournalService(db, {
      kiosk: { id: 'JZ-0001' },
      journal: { retentionDays: 30, keyFile: join(keyDir, `${key}.key`), crashAt },
    } as unknown as KioskConfig);
    await journal.onModuleInit();
    return { db, journal };
  }

  /** The boot's recovery of the kiosk on `journal`: the device counters reconciled, open transactions settled. */
  function bootRecovery(journal: JournalService): SessionRecoveryService {
    const devices = {
      cardPrinter: printer,
      cardReader: { cardPosition: () => 'none' },
      cashDispenser: { cassettes: () => [] },
      statuses: () => [printer.status()],
      onAnyStatus: () => () => undefined,
    } as unknown as DevicesService;
    const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
    return new SessionRecoveryService(devices, journal, host, issuance);
  }

  /**
   * The first kiosk's journal (set to die at `crashAt`) holding a card making recovery left for
   * staff, the bin counted 2 by the journal; answers the transaction.
   */
  async function leftForStaff(journal: JournalService): Promise<string> {
    await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 2 });
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', 'H41080000999');
    await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo: 'A0000042', attempt: 1 });
    for (const step of ['card.feed', 'card.present']) {
      await journal.recordStep(tx, step, 'intent');
      await journal.recordStep(tx, step, 'done');
    }
    await journal.recordStep(tx, 'card.retract', 'intent');
    expect(await recoverIssuance(journal, printer, issuance, tx)).toBe(false);
    return tx;
  }

  it.each(['before', 'after'] as const)(
    "restart between the reject-bin count and the verdict's step (%s the step): the card counted once",
    async (position) => {
      const options = await store.fresh();
      const since = new Date(Date.now() - 60_000).toISOString();
      const { journal: first } = await journalOn(
        options,
        position,
        `${position}:recovery.staffCounted:event`,
      );
      const tx = await leftForStaff(first);
      jest.spyOn(process, 'kill').mockImplementation(() => {
        throw new PowerCut(`killed ${position} recovery.staffCounted`);
      });
      await expect(
        settleIssuanceByStaff({ journal: first, printer, issuance }, tx, 'inRejectBin', 'FS-0002'),
      ).rejects.toThrow();
      expect(office).not.toHaveBeenCalled();
      jest.restoreAllMocks();

      // the power back: a new kiosk on the same store and key file, its boot carries the verdict through
      const { db, journal } = await journalOn(options, position);
      const recovery = bootRecovery(journal);
      try {
        await recovery.recoverUnfinished();
      } finally {
        recovery.onApplicationShutdown();
      }
      expect(office).toHaveBeenCalledTimes(1);
      expect(office).toHaveBeenCalledWith(
        'A0000042',
        expect.objectContaining({ outcome: 'abandoned', reason: 'interrupted' }),
        tx,
      );
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(steps.filter((s) => s === 'recovery.staffCounted:event')).toHaveLength(1);
      // 2 in the bin before, this card one more: 3, not 4
      expect((await journal.counters.latestCounters()).cardPrinter?.counters).toMatchObject({
        blanks: 39,
        rejectBin: 3,
      });
      const log = new MaintenanceSupplyLog(db);
      expect(
        reconcileCardBlanks(
          await log.countersSince(since),
          await log.since(since),
          await log.cardsFoundMissingSince(since),
        ),
      ).toMatchObject({ hopperBefore: 40, spoiled: 1, remaining: 39, difference: 0, reconciles: true });
    },
  );

  it('fault: the office did not answer, staff emptied the bin, the verdict sent again: the card not counted again', async () => {
    const { journal } = await journalOn(await store.fresh(), 'emptied');
    const tx = await leftForStaff(journal);
    office.mockRejectedValueOnce(new KioskError(ErrorCode.HOST_UNREACHABLE, 'The office does not answer.'));
    const deps = { journal, printer, issuance };
    await expect(settleIssuanceByStaff(deps, tx, 'inRejectBin', 'FS-0002')).rejects.toThrow();
    expect((await journal.counters.latestCounters()).cardPrinter?.counters.rejectBin).toBe(3);
    // staff empty the bin (this card in it), then send the verdict again
    await journal.counters.recordCounters('cardPrinter', { blanks: 39, rejectBin: 0 });
    expect(await settleIssuanceByStaff(deps, tx, 'inRejectBin', 'FS-0002')).toEqual({ outcome: 'abandoned' });
    expect((await journal.counters.latestCounters()).cardPrinter?.counters.rejectBin).toBe(0);
  });
});

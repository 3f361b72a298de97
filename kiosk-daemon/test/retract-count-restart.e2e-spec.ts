/**
 * Fault: a restart between a withdrawal settlement's retract step (`recovery.cash.retract` done)
 * and the dispenser's counters record, on a dispenser that counts nothing itself (a real LCDM,
 * here the driver over a pseudo terminal to the byte-level emulator, which stands for the device
 * that outlives the daemon). The dispenser takes its bins back from the journal's last record at
 * boot, so the retracted notes used to be lost from the retract bin count, and staff's cash
 * reconciliation showed notes missing that were in the bin. The restart is forced at the instant by
 * the kill harness's hook (`journal.crashAt`, ADR 0007) right after the step, its SIGKILL taken as
 * a power cut of this kiosk: its journal is left as it is, the driver closed, and a new journal and
 * driver open on the same store and line, whose boot recovery carries the settlement through. On
 * both journal stores (`journal-stores.ts`, SQLite file and PostgreSQL), for staff's verdict and
 * for boot recovery's own decision.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  LcdmCashDispenser,
  openLcdmSerialPort,
  startLcdmOverPseudoTerminal,
  type LcdmCashDispenserOptions,
  type LcdmOverPseudoTerminal,
} from '@kiosk/device-drivers/lcdm-serial-road';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DevicesService } from '../src/devices/devices.service.js';
import type { HostService } from '../src/host/host.service.js';
import type { IssuanceHostService } from '../src/host/issuance-host.service.js';
import { JournalService } from '../src/journal/journal.service.js';
import { recordDeviceCounters } from '../src/journeys/journey-tools.js';
import { settleWithdrawalAtBoot } from '../src/journeys/withdrawal-boot-settlement.js';
import { dispenserCounts } from '../src/journeys/withdrawal-journey.js';
import { settleWithdrawalByStaff } from '../src/journeys/withdrawal-staff-settlement.js';
import { SessionRecoveryService } from '../src/sessions/session-recovery.service.js';
import { journalStores, type JournalStore } from './journal-stores.js';

/** The kill harness's SIGKILL, taken in this process as the power cut of the kiosk under test. */
class PowerCut extends Error {}

const AMOUNT = 30_000;
const DRIVER: LcdmCashDispenserOptions = {
  cassettes: {
    upper: { denominationFen: 10_000, count: 50, lowThreshold: 5, emptyThreshold: 0 },
    lower: { denominationFen: 5_000, count: 40, lowThreshold: 5, emptyThreshold: 0 },
  },
  countsFromJournal: true,
};

const retractBinOf = (d: LcdmCashDispenser) =>
  d.status().supplies.find((s) => s.name === 'retractBin')?.count;

describe.each(journalStores('retract count across a restart'))(
  'a withdrawal settlement on %s',
  (_name, make) => {
    let store: JournalStore;
    const keyDir = mkdtempSync(join(tmpdir(), 'kiosk-retract-count-key-'));
    const open: DataSource[] = [];
    const lines: LcdmOverPseudoTerminal[] = [];
    const drivers: LcdmCashDispenser[] = [];
    beforeAll(() => {
      store = make();
    });
    afterEach(async () => {
      jest.restoreAllMocks();
      for (const d of drivers.splice(0)) await d.close();
      for (const l of lines.splice(0)) await l.close();
    });
    afterAll(async () => {
      for (const db of open) if (db.isInitialized) await db.destroy();
      await store.close();
      rmSync(keyDir, { recursive: true, force: true });
    }, 30_000);

    async function journalOn(
      options: DataSourceOptions,
      key: string,
      crashAt?: string,
    ): Promise<JournalService> {
      const db = new DataSource(options);
      await db.initialize();
      open.push(db);
      const journal = new JournalService(db, {
        kiosk: { id: 'JZ-0001' },
        journal: { retentionDays: 30, keyFile: join(keyDir, `${key}.key`), crashAt },
      } as unknown as KioskConfig);
      await journal.onModuleInit();
      return journal;
    }

    /**
     * The kill harness's hook on `journal` taken as the power cut: the SIGKILL throws, and nothing
     * the dead kiosk would still have written reaches its journal.
     */
    function cutPowerAtHook(journal: JournalService, point: string): void {
      jest.spyOn(process, 'kill').mockImplementation(() => {
        const dead = () => Promise.reject(new PowerCut(`killed ${point}`));
        jest.spyOn(journal, 'recordStep').mockImplementation(dead);
        jest.spyOn(journal, 'closeTransaction').mockImplementation(dead);
        jest.spyOn(journal.counters, 'recordCounters').mockImplementation(dead);
        jest.spyOn(journal.counters, 'recordCountsOnce').mockImplementation(dead);
        throw new PowerCut(`killed ${point}`);
      });
    }

    /** The host holding the withdrawal until it is reversed. */
    function heldAtHost() {
      let held = AMOUNT;
      const reverseWithdrawal = jest.fn(async () => {
        held = 0;
        return { status: 'reversed' };
      });
      const confirmWithdrawal = jest.fn(async () => ({ status: 'confirmed' }));
      const host = {
        authorisedWithdrawals: async () => [],
        withdrawalByKey: async (serial: string) => ({
          transactionSerial: serial,
          authorisationId: 'AU-1',
          status: held > 0 ? 'authorised' : 'reversed',
          heldFen: held,
        }),
        reverseWithdrawal,
        confirmWithdrawal,
      } as unknown as HostService;
      return { host, reverseWithdrawal, confirmWithdrawal };
    }

    /**
     * The first kiosk: the journal's counts (2 notes in the retract bin), then a withdrawal whose
     * notes are at the slot, never taken, the resident gone; answers the transaction and the driver.
     */
    async function notesLeftAtSlot(
      journal: JournalService,
    ): Promise<{ tx: string; driver: LcdmCashDispenser }> {
      const line = await startLcdmOverPseudoTerminal({
        driver: DRIVER,
        emulator: { upper: { count: 50 }, lower: { count: 40 } },
      });
      lines.push(line);
      const { driver } = line;
      driver.restoreCounts({
        cassettes: driver.cassettes().map((c) => ({ cassette: c.id, notes: c.count })),
        retractBin: 2,
      });
      await recordDeviceCounters(journal, driver.status(), driver.cassettes());
      const tx = await journal.openTransaction('s1', 'withdraw');
      await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: AMOUNT });
      await journal.recordStep(tx, 'withdrawal.authorise', 'done', { authorisationId: 'AU-1' });
      // as the journey journals it: the dispenser's counts before a note moves
      await journal.recordStep(tx, 'cash.dispense', 'intent', {
        amountFen: AMOUNT,
        ...dispenserCounts(driver),
        countersRecordBefore: await journal.counters.lastRecord(),
      });
      await driver.dispense(AMOUNT);
      await journal.recordStep(tx, 'cash.dispense', 'done', { dispensedFen: AMOUNT });
      await recordDeviceCounters(journal, driver.status(), driver.cassettes());
      await journal.recordStep(tx, 'cash.present', 'intent');
      await driver.present();
      await journal.recordStep(tx, 'cash.present', 'done', { amountFen: AMOUNT });
      return { tx, driver };
    }

    /** The power back: the first driver gone, a new one on the same line, its counts not yet restored. */
    async function powerBack(line: LcdmOverPseudoTerminal): Promise<LcdmCashDispenser> {
      await line.driver.close();
      const driver = new LcdmCashDispenser(await openLcdmSerialPort(line.pty.hostPath), DRIVER);
      drivers.push(driver);
      await driver.open();
      return driver;
    }

    async function boot(
      journal: JournalService,
      driver: LcdmCashDispenser,
      host: HostService,
    ): Promise<void> {
      const devices = {
        cardReader: { cardPosition: () => 'none' },
        cashDispenser: driver,
        statuses: () => [driver.status()],
        onAnyStatus: () => () => undefined,
      } as unknown as DevicesService;
      const recovery = new SessionRecoveryService(devices, journal, host, {} as IssuanceHostService);
      try {
        await recovery.recoverUnfinished();
      } finally {
        recovery.onApplicationShutdown();
      }
    }

    async function expectCountedOnce(journal: JournalService, driver: LcdmCashDispenser, tx: string) {
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
      // 2 in the retract bin before, the 3 hundred-yuan notes retracted: 5, in the journal and the driver
      expect((await journal.counters.latestCounters()).cashDispenser?.counters.retractBin).toBe(5);
      expect(retractBinOf(driver)).toBe(5);
      // the dispense counted and recorded them out of the cassette before: never taken out again
      const kept = (await journal.counters.latestCounters()).cashDispenser?.counters.cassettes;
      expect(kept?.map((c) => c.notes)).toEqual([47, 40]);
      expect(driver.cassettes().map((c) => c.count)).toEqual([47, 40]);
    }

    it("restart between the retract's step and the counters record (staff's verdict): the retracted notes counted once", async () => {
      const options = await store.fresh();
      const first = await journalOn(options, 'staff', 'after:recovery.cash.retract:done');
      const { tx, driver } = await notesLeftAtSlot(first);
      await first.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'presenter unreadable' });
      const { host, reverseWithdrawal } = heldAtHost();
      cutPowerAtHook(first, 'after recovery.cash.retract:done');
      await expect(
        settleWithdrawalByStaff({ journal: first, host, dispenser: driver }, tx, 'notPaid', 'FS-0002'),
      ).rejects.toThrow();
      jest.restoreAllMocks();
      expect(reverseWithdrawal).not.toHaveBeenCalled();

      const journal = await journalOn(options, 'staff');
      const again = await powerBack(lines[0]!);
      await boot(journal, again, host);
      expect(reverseWithdrawal).toHaveBeenCalledTimes(1);
      await expectCountedOnce(journal, again, tx);
    });

    it("restart between the retract's step and the counters record (boot recovery's decision): the retracted notes counted once", async () => {
      const options = await store.fresh();
      const first = await journalOn(options, 'boot', 'after:recovery.cash.retract:done');
      const { tx, driver } = await notesLeftAtSlot(first);
      const { host, reverseWithdrawal, confirmWithdrawal } = heldAtHost();
      cutPowerAtHook(first, 'after recovery.cash.retract:done');
      const log = { warn: () => undefined, error: () => undefined };
      // the first boot's recovery decides: the notes at the slot retracted, the hold reversed
      await expect(
        settleWithdrawalAtBoot({ journal: first, host, devices: { cashDispenser: driver }, log }, tx),
      ).rejects.toThrow();
      jest.restoreAllMocks();
      expect(reverseWithdrawal).not.toHaveBeenCalled();

      const journal = await journalOn(options, 'boot');
      const again = await powerBack(lines[0]!);
      await boot(journal, again, host);
      // the retract bin's count is recovery's witness of the retract: the resident never charged for it
      expect(confirmWithdrawal).not.toHaveBeenCalled();
      expect(reverseWithdrawal).toHaveBeenCalledTimes(1);
      await expectCountedOnce(journal, again, tx);
    });
  },
);

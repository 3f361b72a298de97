/**
 * The rig of the withdrawal journey's own retract cut by a restart, on a dispenser that counts
 * nothing itself (a real LCDM: here the driver over a pseudo terminal to the byte-level emulator,
 * which stands for the device that outlives the daemon). The journey runs with its real actors, a
 * journal on one of the two stores (`journal-stores.ts`) and the embedded host simulator over
 * HTTP (the host outlives the kiosk too). The restart is forced at the instant by the kill
 * harness's hook (`journal.crashAt`, ADR 0007), its SIGKILL taken as a power cut of this kiosk:
 * nothing it would still write reaches its journal, the driver is closed, and a new journal and
 * driver open on the same store and line, whose boot recovery (reconcile, then the settlement)
 * runs as the daemon's does.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, jest } from '@jest/globals';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import {
  LcdmCashDispenser,
  openLcdmSerialPort,
  startLcdmOverPseudoTerminal,
  type LcdmCashDispenserEmulatorOptions,
  type LcdmCashDispenserOptions,
  type LcdmOverPseudoTerminal,
} from '@kiosk/device-drivers/lcdm-serial-road';
import { demoResident, ErrorCode, KioskError } from '@kiosk/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { toPromise } from 'xstate';
import type { DevicesService } from '../src/devices/devices.service.js';
import { HostConnection } from '../src/host/host-connection.js';
import { HostService } from '../src/host/host.service.js';
import type { IssuanceHostService } from '../src/host/issuance-host.service.js';
import { JournalService } from '../src/journal/journal.service.js';
import { recordDeviceCounters } from '../src/journeys/journey-tools.js';
import { SessionRecoveryService } from '../src/sessions/session-recovery.service.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';
import { journalStores, type JournalStore } from './journal-stores.js';
import { startWithdrawal } from './withdrawal-journey-run.js';

/** The kill harness's SIGKILL, taken in this process as the power cut of the kiosk under test. */
export class PowerCut extends Error {}

export const YUAN = 100;
export const li = demoResident('li')!;

/** 200 hundred-yuan and 200 fifty-yuan notes; counted by the driver, taken back from the journal */
const DRIVER: LcdmCashDispenserOptions = {
  cassettes: {
    upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  },
  ackTimeoutMs: 500,
  responseTimeoutMs: 3_000,
  dispenseTimeoutMs: 2_500,
  busyPollMs: 100,
  countsFromJournal: true,
};

export const countsOfDriver = (d: LcdmCashDispenser) => ({
  cassettes: d.cassettes().map((c) => c.count),
  retractBin: d.status().supplies.find((s) => s.name === 'retractBin')?.count,
});

export interface JourneyRestartRig {
  readonly config: KioskConfig;
  readonly host: HostService;
  /** the embedded simulator's withdrawal under `serial` (held, paid, reversed) */
  atHost(serial: string): { heldFen: number; paidFen: number; reversedFen: number } | undefined;
  balance(): number | undefined;
  /** a journal on `options`, dying at `crashAt` (the kill harness's point) when given */
  journalOn(options: DataSourceOptions, crashAt?: string): Promise<JournalService>;
  /** the dispenser, its journal counts recorded first (2 notes in the retract bin), as boot left them */
  dispenser(
    journal: JournalService,
    emulator?: LcdmCashDispenserEmulatorOptions,
  ): Promise<LcdmOverPseudoTerminal>;
  /** the kill harness's hook on `journal` taken as the power cut */
  cutPowerAtHook(journal: JournalService): void;
  /** the withdrawal journey of `amountFen` on `journal`; `beforeAmount` runs at the amount's choice */
  withdraw(
    journal: JournalService,
    dispenser: LcdmCashDispenser,
    amountFen: number,
    beforeAmount?: () => void,
  ): Promise<string>;
  /**
   * The power back: the first driver gone, a new one on the same line, then the boot's recovery;
   * `powerCut`: the power goes again at `journal`'s kill harness point (the recovery dies there);
   * `leftForStaff`: recovery leaves a withdrawal for staff (WITHDRAWAL_UNDECIDED, else it throws),
   * the new driver answered all the same
   */
  boot(
    journal: JournalService,
    line: LcdmOverPseudoTerminal,
    options?: { readonly powerCut?: boolean; readonly leftForStaff?: boolean },
  ): Promise<LcdmCashDispenser>;
  close(): Promise<void>;
}

/** The kill harness's hook on `journal` taken as the power cut: nothing after it is written. */
function cutPowerAtHook(journal: JournalService): void {
  jest.spyOn(process, 'kill').mockImplementation(() => {
    const dead = () => Promise.reject(new PowerCut('killed'));
    jest.spyOn(journal, 'recordStep').mockImplementation(dead);
    jest.spyOn(journal, 'closeTransaction').mockImplementation(dead);
    jest.spyOn(journal.counters, 'recordCounters').mockImplementation(dead);
    jest.spyOn(journal.counters, 'recordCountsOnce').mockImplementation(dead);
    throw new PowerCut('killed');
  });
}

/** the driver's waits a spec may shorten where it waits them out (a silent dispenser's) */
export type DriverWaits = Partial<Pick<LcdmCashDispenserOptions, 'responseTimeoutMs' | 'dispenseTimeoutMs'>>;

/** `waits`: the driver's, for every driver of the rig (the first and those after each restart) */
export async function journeyRestartRig(waits: DriverWaits = {}): Promise<JourneyRestartRig> {
  const driverOptions: LcdmCashDispenserOptions = { ...DRIVER, ...waits };
  const keyDir = mkdtempSync(join(tmpdir(), 'kiosk-journey-retract-key-'));
  const open: DataSource[] = [];
  const lines: LcdmOverPseudoTerminal[] = [];
  const drivers: LcdmCashDispenser[] = [];
  const config = loadConfig({ profile: 'test' });
  const connection = new HostConnection(config);
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const host = new HostService(connection, new MetricsService());
  let journals = 0;

  return {
    config,
    host,
    atHost: (serial) =>
      [...simulator.state.withdrawals.values()].find(
        (w) => w.kioskId === config.kiosk.id && w.transactionSerial === serial,
      ),
    balance: () => simulator.state.balanceOfCard(li.cardNumber),

    async journalOn(options, crashAt) {
      const db = new DataSource(options);
      await db.initialize();
      open.push(db);
      journals += 1;
      const journal = new JournalService(db, {
        kiosk: config.kiosk,
        journal: { retentionDays: 30, keyFile: join(keyDir, 'journal.key'), crashAt },
      } as unknown as KioskConfig);
      await journal.onModuleInit();
      return journal;
    },

    async dispenser(journal, emulator) {
      const line = await startLcdmOverPseudoTerminal({
        driver: driverOptions,
        ...(emulator && { emulator }),
      });
      lines.push(line);
      const { driver } = line;
      driver.restoreCounts({
        cassettes: driver.cassettes().map((c) => ({ cassette: c.id, notes: c.count })),
        retractBin: 2,
      });
      await recordDeviceCounters(journal, driver.status(), driver.cassettes());
      return line;
    },

    cutPowerAtHook,

    async withdraw(journal, dispenser, amountFen, beforeAmount) {
      const tx = await journal.openTransaction(`s${journals}`, 'withdraw');
      const journey = await startWithdrawal({
        ...{ journal, transactionId: tx, host, dispenser, config, amountFen, beforeAmount },
        holdRelease: { releaseUnreadAuthorisation: () => Promise.reject(new Error('no release expected')) },
        // the dead kiosk tries nothing again: the boot after it settles
        retries: { retryLater: async () => false, drained: async () => true },
        // the resident walks away: the notes at the slot are retracted after this
        cashTakeMs: 300,
      });
      await toPromise(journey);
      return tx;
    },

    async boot(journal, line, options) {
      jest.restoreAllMocks();
      if (options?.powerCut) cutPowerAtHook(journal);
      await line.driver.close();
      const driver = new LcdmCashDispenser(await openLcdmSerialPort(line.pty.hostPath), driverOptions);
      drivers.push(driver);
      await driver.open();
      const devices = {
        cardReader: { cardPosition: () => 'none' },
        cashDispenser: driver,
        statuses: () => [driver.status()],
        onAnyStatus: () => () => undefined,
      } as unknown as DevicesService;
      const recovery = new SessionRecoveryService(devices, journal, host, {} as IssuanceHostService);
      try {
        await recovery.recoverUnfinished();
        if (options?.powerCut) throw new Error('the power cut was never reached');
        if (options?.leftForStaff) throw new Error('nothing was left for staff');
      } catch (error) {
        const left = options?.leftForStaff && KioskError.from(error).code === ErrorCode.WITHDRAWAL_UNDECIDED;
        if (!left && (!options?.powerCut || !(error instanceof PowerCut))) throw error;
      } finally {
        recovery.onApplicationShutdown();
      }
      return driver;
    },

    async close() {
      jest.restoreAllMocks();
      for (const d of drivers.splice(0)) await d.close();
      for (const l of lines.splice(0)) await l.close();
      for (const db of open) if (db.isInitialized) await db.destroy();
      await connection.onApplicationShutdown();
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

/** What the tests of `describeRigOnStores` reach: the journal store of the block, the test's rig. */
export interface RigOnStore {
  readonly store: JournalStore;
  readonly rig: JourneyRestartRig;
}

/**
 * `tests` on each journal store (`journalStores(suite)`, `title` with %s for its name): the store
 * made once for the block and closed after it, a new rig for each test (a host of its own: a fresh
 * journal numbers its transactions from 1 again) closed after it; `waits`: the rig's driver's.
 */
export function describeRigOnStores(
  suite: string,
  title: string,
  tests: (on: RigOnStore) => void,
  waits?: DriverWaits,
): void {
  describe.each(journalStores(suite))(title, (_name, make) => {
    let store: JournalStore;
    let rig: JourneyRestartRig;
    beforeAll(() => {
      store = make();
    });
    beforeEach(async () => {
      rig = await journeyRestartRig(waits);
    });
    afterEach(async () => {
      await rig?.close();
    }, 30_000);
    afterAll(async () => {
      await store?.close();
    }, 30_000);
    tests({
      get store() {
        return store;
      },
      get rig() {
        return rig;
      },
    });
  });
}

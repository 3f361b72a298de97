import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { maskIdNumbersInText } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import { DataSource } from './typeorm-runtime.js';
import { DeviceCountersService } from './device-counters.service.js';
import { JournalCrashPoint } from './journal-crash-point.js';
import { journalStopOf } from './journal-stop.js';
import {
  stepsOfTransaction,
  transactionsStartedBetween,
  type ExportedTransaction,
} from './journal-export.js';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import type { PersonalData, PersonalField } from './journal-personal-data.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import { journalSql, type JournalSql } from './journal-sql.js';
import * as reads from './transactions-with-step.js';
import { JournalVault } from './journal-vault.js';
import { noSuchTransaction, refusePinIn, refuseUnmaskedCardNumber } from './journal-write-errors.js';
import { JournalWrites, type WriteOptions } from './journal-writes.js';
import { KnownTransactions } from './known-transactions.js';
import { MaintenanceSupplyLog } from './maintenance-supply-log.service.js';
import { GIVEN_UP_TOLD_STEP, givenUpToldDetail } from './given-up-told.js';
import { journalGivenUpActs } from './given-up-alerted.js';
import { outlivingItsJourney } from './late-writes.js';
import type { GivenUpAct } from './given-up-act.js';
import { GivenUpActs, givenUpDetail, retainWithin } from './owed-acts-given-up.js';

export type { WriteOptions } from './journal-writes.js';
export type StepPhase = JournalStep['phase'];
export type StepDetail = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The electronic journal. Written BEFORE every irreversible act (phase 'intent') and after its
 * outcome ('done' / 'failed'). The daemon is the journal's only writer, so serials and step
 * numbers are counted in memory (seeded from the file at boot) and every write is ONE insert or
 * update statement: one SQLite transaction, one WAL sync, no read before the write; a write made
 * `withNextWrite` is committed with the next write of its transaction (`journal-writes.ts`). Personal data
 * that must be kept in full is sealed (AES-256-GCM) in its own table; a PIN is never stored.
 */
@Injectable()
export class JournalService implements OnModuleInit, BeforeApplicationShutdown {
  private lastSerial = 0;
  /** see `changes` */
  private changeCount = 0;
  /**
   * each transaction's last step number, counted in memory, and whether it is open: a write into
   * a closed one is late (`known-transactions.ts`, `late-writes.ts`)
   */
  private readonly known: KnownTransactions;
  /** how the writes are committed: alone, or held for the transaction's next write (`journal-writes.ts`) */
  private readonly writes: JournalWrites;
  /** the writes, in the placeholders of the driver (`journal-sql.ts`) */
  private readonly sql: JournalSql;
  /** the personal data sealed with the journal key, written through `writes` (`journal-vault.ts`) */
  private readonly vault: JournalVault;
  /** the kill harness's point (test profile only); inert without `journal.crashAt` */
  private readonly crashPoint: JournalCrashPoint;
  /** the device counters table on the same store (what journeys and recovery record devices hold) */
  readonly counters: DeviceCountersService;
  /** staff's supply acts on the same store (`maintenance_supply`: what boot recovery finishes once) */
  readonly supplyLog: MaintenanceSupplyLog;
  /** the host acts owed past the retention and its grace given up in this run, and who is told (ADR 0025) */
  readonly givenUp: GivenUpActs;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {
    // the bench passes a config without a journal section
    const journalConfig = config.journal as KioskConfig['journal'] | undefined;
    this.crashPoint = new JournalCrashPoint(journalConfig?.crashAt);
    this.counters = new DeviceCountersService(db);
    this.supplyLog = new MaintenanceSupplyLog(db);
    this.writes = new JournalWrites(db);
    this.known = new KnownTransactions(db);
    this.sql = journalSql(db);
    this.vault = new JournalVault(db, config, this.known, this.writes, this.sql);
    this.givenUp = journalGivenUpActs(db, config, (act) =>
      this.recordStep(act.transactionId, GIVEN_UP_TOLD_STEP, 'event', givenUpToldDetail(act)),
    );
  }

  async onModuleInit(): Promise<void> {
    this.vault.open();
    const row = await this.db
      .createQueryBuilder(JournalTransaction, 't')
      .select('COALESCE(MAX(t.serial), 0)', 'last')
      .where('t.kioskId = :kioskId', { kioskId: this.config.kiosk.id })
      .getRawOne<{ last: number }>();
    this.lastSerial = Number(row?.last ?? 0);
    await this.applyRetention();
  }

  /**
   * Removes closed transactions (with their steps and personal data), device counters and field
   * staff's supply acts older than the retention period; open transactions, each device's latest
   * counters and the acts of a visit still open stay (`journal-retention.ts`); a host act owed in
   * one past the retention and its grace is given up first (`owed-acts-given-up.ts`), so it goes
   * too. Returns how many transactions went.
   */
  applyRetention(now = new Date()): Promise<number> {
    const record = (act: GivenUpAct) =>
      outlivingItsJourney('an owed host act given up', () =>
        this.recordStep(act.transactionId, act.step, 'failed', givenUpDetail(act), now),
      );
    return retainWithin(this.db, this.config, this.givenUp, record, now);
  }

  /** Every transaction started from `from` to `to` (whole days, UTC) with its steps, for auditors. */
  exportRange(from: string, to: string): Promise<ExportedTransaction[]> {
    return transactionsStartedBetween(this.db, from, to);
  }

  /**
   * How many times this journal was asked to open or close a transaction or write a step since it
   * opened (counted as each ends, written or not): a reader's cache of what the journal held when
   * this read the same may be kept, one taken before its read is stale once it moved (the kiosk's
   * read of a new card left at the slot, `new-card-left-at-slot-watch.ts`).
   */
  get changes(): number {
    return this.changeCount;
  }

  /** Opens a transaction and returns its id (kiosk id + serial: the host idempotency key). */
  async openTransaction(sessionId: string, journey: string, now = new Date()): Promise<string> {
    const kioskId = this.config.kiosk.id;
    // taken before the write: two opened at the same moment (a stray card and a resident) get
    // two serials; one whose write fails leaves its number unused
    const serial = ++this.lastSerial;
    const id = `${kioskId}-${String(serial).padStart(6, '0')}`;
    this.known.opened(id);
    try {
      await this.writes.writeAlone({
        sql: this.sql.open,
        params: [id, kioskId, serial, sessionId, journey, now.toISOString()],
      });
    } finally {
      this.changeCount += 1;
    }
    return id;
  }

  async recordStep(
    transactionId: string,
    step: string,
    phase: StepPhase,
    detail?: StepDetail,
    now = new Date(),
    options?: WriteOptions,
  ): Promise<void> {
    if (detail) refusePinIn(step, detail);
    const seq = await this.known.nextSeq(transactionId);
    const detailText = detail ? maskIdNumbersInText(JSON.stringify(detail)) : null;
    const params = [transactionId, seq, step, phase, now.toISOString(), detailText];
    this.crashPoint.reached('before', step, phase);
    const insert = {
      sql: this.sql.insertStep,
      params,
      written: () => this.crashPoint.reached('after', step, phase),
    };
    // known after its step number: no read here for a transaction open in this run
    const state = this.known.stateOf(transactionId) ?? (await this.known.read(transactionId));
    if (this.writes.heldForNextWrite(transactionId, state, `${step} ${phase}`, insert, options)) {
      this.changeCount += 1;
      return;
    }
    // the hottest write of the kiosk: one prepared INSERT, run on SQLite straight on the driver's
    // connection, no entity bookkeeping around it (see bench/RESULTS.md, journal commits)
    try {
      await this.writes.writeFor(transactionId, insert);
    } finally {
      this.changeCount += 1;
    }
  }

  async setMaskedCardNumber(
    transactionId: string,
    maskedCardNumber: string,
    options?: WriteOptions,
  ): Promise<void> {
    refuseUnmaskedCardNumber(transactionId, maskedCardNumber);
    const update = { sql: this.sql.maskCard, params: [maskedCardNumber, transactionId] };
    const state = this.known.stateOf(transactionId) ?? (await this.known.read(transactionId));
    if (state === 'absent') throw noSuchTransaction(transactionId);
    if (!this.writes.heldForNextWrite(transactionId, state, 'maskedCardNumber', update, options)) {
      await this.writes.writeFor(transactionId, update);
    }
  }

  async closeTransaction(
    transactionId: string,
    outcome: string,
    errorCode: string | null,
    now = new Date(),
  ): Promise<void> {
    // closing from here: a write made while the close is written is not held for a next write
    this.known.closing(transactionId);
    try {
      await this.writes.writeFor(transactionId, {
        sql: this.sql.close,
        params: [outcome, errorCode, now.toISOString(), transactionId],
      });
    } catch (e) {
      this.known.closeFailed(transactionId);
      throw e;
    } finally {
      this.changeCount += 1;
    }
    this.known.closed(transactionId);
  }

  /**
   * A graceful stop begins: what waits for a next write is written now; what the store refuses is
   * logged. The connection closes last (`JournalCloser`), once the writes under way and the acts
   * `stopWaitsFor` runs are done (`journal-stop.ts`).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.writes.writeAllWaiting();
  }

  /**
   * Runs `act` (`what`: its name, for the log), one whose writes a stop begun meanwhile lets finish
   * before the journal's connection closes: a session's end, its held steps and its close. A write
   * asked for after the stop began outside such an act is refused (JOURNAL_WRITE_FAILED, `stopping`).
   */
  stopWaitsFor<T>(what: string, act: () => Promise<T>): Promise<T> {
    return journalStopOf(this.db).stopWaitsFor(what, act);
  }

  /** Unfinished transactions, oldest first: what recovery at boot must finish or reverse. */
  openTransactions(): Promise<JournalTransaction[]> {
    return reads.openTransactionsOf(this.db);
  }

  /** A transaction's steps in order; `session`: of every transaction of its session, open or closed. */
  stepsOf(transactionId: string, of: 'transaction' | 'session' = 'transaction'): Promise<JournalStep[]> {
    if (of === 'session') return reads.sessionStepsOf(this.db, transactionId);
    return stepsOfTransaction(this.db, transactionId);
  }

  /** The last step named `step` written, of any transaction (by the table's order); null when none. */
  lastStepNamed(step: string): Promise<JournalStep | null> {
    return this.db.getRepository(JournalStep).findOne({ where: { step }, order: { id: 'DESC' } });
  }

  /**
   * The transactions of `journey` with a step named one of `steps`, open or closed, by serial, less
   * those a later step ended (`ends`), in one query.
   */
  transactionsWithStepUnended(
    journey: string,
    steps: readonly string[],
    ends: reads.StepMarkEnds,
  ): Promise<string[]> {
    return reads.transactionsWithStepUnended(this.db, journey, steps, ends);
  }

  /**
   * Keeps a piece of personal data of a transaction in full, sealed with the journal key (a card
   * number for reconciliation, a resident's name on an issuance). Never a PIN.
   */
  sealPersonalData(
    transactionId: string,
    field: PersonalField,
    value: string,
    options?: WriteOptions,
  ): Promise<void> {
    return this.vault.seal(transactionId, field, value, options);
  }

  /** The personal data kept for a transaction, opened; a changed value is JOURNAL_SEAL_BROKEN. */
  personalDataOf(transactionId: string): Promise<PersonalData> {
    return this.vault.of(transactionId);
  }

  /** The id of the key personal data is sealed with now. */
  get keyId(): string {
    return this.vault.keyId;
  }

  /**
   * Re-seals all personal data under the key in `newKeyFile` (created if it does not exist yet) in
   * one database transaction and seals with it from now on. The journal's writes wait while it
   * runs, so a value held for its next write, or written meanwhile, is written under the new key
   * after it. Point `journal.keyFile` at the new file before the next start; keep the old one until
   * then. Returns how many values moved.
   */
  rotateKey(newKeyFile: string): Promise<number> {
    return this.vault.rotateKey(newKeyFile);
  }

  /** A cheap read that proves the file answers (used by /health). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}

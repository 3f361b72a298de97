import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ErrorCode, KioskError, maskIdNumbersInText } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import { DataSource, LessThan } from 'typeorm';
import type { ExportedTransaction } from './journal-export.js';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';

export type StepPhase = JournalStep['phase'];
export type StepDetail = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The electronic journal. Written BEFORE every irreversible act (phase 'intent') and after its
 * outcome ('done' / 'failed'). The daemon is the journal's only writer, so serials and step
 * numbers are counted in memory (seeded from the file at boot) and every write is ONE insert or
 * update statement: one SQLite transaction, one WAL sync, no read before the write.
 */
@Injectable()
export class JournalService implements OnModuleInit {
  private lastSerial = 0;
  private readonly lastSeq = new Map<string, number>();

  constructor(
    private readonly db: DataSource,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const row = await this.db
      .createQueryBuilder(JournalTransaction, 't')
      .select('COALESCE(MAX(t.serial), 0)', 'last')
      .where('t.kioskId = :kioskId', { kioskId: this.config.kiosk.id })
      .getRawOne<{ last: number }>();
    this.lastSerial = Number(row?.last ?? 0);
    await this.applyRetention();
  }

  /** Removes closed transactions (and their steps) older than the retention period. */
  async applyRetention(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.journal.retentionDays * 86_400_000).toISOString();
    return this.db.transaction(async (m) => {
      const old = await m.find(JournalTransaction, {
        select: { id: true },
        where: { status: 'closed', endedAt: LessThan(cutoff) },
      });
      for (const { id } of old) await m.delete(JournalStep, { transactionId: id });
      if (old.length > 0)
        await m.delete(
          JournalTransaction,
          old.map((t) => t.id),
        );
      return old.length;
    });
  }

  /** Every transaction started from `from` to `to` (whole days, UTC) with its steps, for auditors. */
  async exportRange(from: string, to: string): Promise<ExportedTransaction[]> {
    const end = new Date(`${to}T00:00:00.000Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    const transactions = await this.db
      .getRepository(JournalTransaction)
      .createQueryBuilder('t')
      .where('t.startedAt >= :from AND t.startedAt < :end', {
        from: `${from}T00:00:00.000Z`,
        end: end.toISOString(),
      })
      .orderBy('t.serial', 'ASC')
      .getMany();
    const out: ExportedTransaction[] = [];
    for (const transaction of transactions)
      out.push({ transaction, steps: await this.stepsOf(transaction.id) });
    return out;
  }

  /** Opens a transaction and returns its id (kiosk id + serial: the host idempotency key). */
  async openTransaction(sessionId: string, journey: string, now = new Date()): Promise<string> {
    const kioskId = this.config.kiosk.id;
    const serial = this.lastSerial + 1;
    const id = `${kioskId}-${String(serial).padStart(6, '0')}`;
    await this.write(() =>
      this.db.manager.insert(JournalTransaction, {
        id,
        kioskId,
        serial,
        sessionId,
        journey,
        status: 'open',
        outcome: null,
        errorCode: null,
        maskedCardNumber: null,
        startedAt: now.toISOString(),
        endedAt: null,
      }),
    );
    this.lastSerial = serial;
    this.lastSeq.set(id, 0);
    return id;
  }

  async recordStep(
    transactionId: string,
    step: string,
    phase: StepPhase,
    detail?: StepDetail,
    now = new Date(),
  ): Promise<void> {
    const seq = (this.lastSeq.get(transactionId) ?? (await this.lastStepOf(transactionId))) + 1;
    const detailText = detail ? maskIdNumbersInText(JSON.stringify(detail)) : null;
    // the hottest write of the kiosk: one prepared INSERT through TypeORM's runner, no entity
    // bookkeeping around it (see bench/RESULTS.md, journal commits)
    await this.write(() =>
      this.db.query(
        'INSERT INTO "journal_step" ("transactionId", "seq", "step", "phase", "at", "detail") VALUES (?, ?, ?, ?, ?, ?)',
        [transactionId, seq, step, phase, now.toISOString(), detailText],
      ),
    );
    this.lastSeq.set(transactionId, seq);
  }

  async setMaskedCardNumber(transactionId: string, maskedCardNumber: string): Promise<void> {
    await this.write(() =>
      this.db.manager.update(JournalTransaction, { id: transactionId }, { maskedCardNumber }),
    );
  }

  async closeTransaction(
    transactionId: string,
    outcome: string,
    errorCode: string | null,
    now = new Date(),
  ): Promise<void> {
    await this.write(() =>
      this.db.manager.update(
        JournalTransaction,
        { id: transactionId, status: 'open' },
        { status: 'closed', outcome, errorCode, endedAt: now.toISOString() },
      ),
    );
    this.lastSeq.delete(transactionId);
  }

  /** Unfinished transactions, oldest first: what recovery at boot must finish or reverse. */
  openTransactions(): Promise<JournalTransaction[]> {
    return this.db
      .getRepository(JournalTransaction)
      .find({ where: { status: 'open' }, order: { serial: 'ASC' } });
  }

  stepsOf(transactionId: string): Promise<JournalStep[]> {
    return this.db.getRepository(JournalStep).find({ where: { transactionId }, order: { seq: 'ASC' } });
  }

  /** A cheap read that proves the file answers (used by /health). */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  private async lastStepOf(transactionId: string): Promise<number> {
    const row = await this.db
      .createQueryBuilder(JournalStep, 's')
      .select('COALESCE(MAX(s.seq), 0)', 'last')
      .where('s.transactionId = :transactionId', { transactionId })
      .getRawOne<{ last: number }>();
    return Number(row?.last ?? 0);
  }

  private async write<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw new KioskError(
        ErrorCode.JOURNAL_WRITE_FAILED,
        'The journal could not be written.',
        {},
        { cause: e },
      );
    }
  }
}

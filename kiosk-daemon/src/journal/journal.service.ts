import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, KioskError, maskIdNumbersInText } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import { DataSource } from 'typeorm';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';

export type StepPhase = JournalStep['phase'];
export type StepDetail = Readonly<Record<string, string | number | boolean | null>>;

/**
 * The electronic journal. Written BEFORE every irreversible act (phase 'intent') and after its
 * outcome ('done' / 'failed'). Every write is one SQLite transaction of plain inserts/updates.
 */
@Injectable()
export class JournalService {
  constructor(
    private readonly db: DataSource,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  /** Opens a transaction and returns its id (kiosk id + serial: the host idempotency key). */
  async openTransaction(sessionId: string, journey: string, now = new Date()): Promise<string> {
    return this.write(async (m) => {
      const kioskId = this.config.kiosk.id;
      const row = await m
        .createQueryBuilder(JournalTransaction, 't')
        .select('COALESCE(MAX(t.serial), 0)', 'last')
        .where('t.kioskId = :kioskId', { kioskId })
        .getRawOne<{ last: number }>();
      const serial = Number(row?.last ?? 0) + 1;
      const id = `${kioskId}-${String(serial).padStart(6, '0')}`;
      await m.insert(JournalTransaction, {
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
      });
      return id;
    });
  }

  async recordStep(
    transactionId: string,
    step: string,
    phase: StepPhase,
    detail?: StepDetail,
    now = new Date(),
  ): Promise<void> {
    await this.write(async (m) => {
      const row = await m
        .createQueryBuilder(JournalStep, 's')
        .select('COALESCE(MAX(s.seq), 0)', 'last')
        .where('s.transactionId = :transactionId', { transactionId })
        .getRawOne<{ last: number }>();
      await m.insert(JournalStep, {
        transactionId,
        seq: Number(row?.last ?? 0) + 1,
        step,
        phase,
        at: now.toISOString(),
        detail: detail ? maskIdNumbersInText(JSON.stringify(detail)) : null,
      });
    });
  }

  async setMaskedCardNumber(transactionId: string, maskedCardNumber: string): Promise<void> {
    await this.write((m) => m.update(JournalTransaction, { id: transactionId }, { maskedCardNumber }));
  }

  async closeTransaction(
    transactionId: string,
    outcome: string,
    errorCode: string | null,
    now = new Date(),
  ): Promise<void> {
    await this.write((m) =>
      m.update(
        JournalTransaction,
        { id: transactionId, status: 'open' },
        { status: 'closed', outcome, errorCode, endedAt: now.toISOString() },
      ),
    );
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

  private async write<T>(work: (m: DataSource['manager']) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
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

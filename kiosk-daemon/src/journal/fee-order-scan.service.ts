import { Inject, Injectable } from '@nestjs/common';
import { JournalStep } from './journal-step.entity.js';
import { DataSource } from './typeorm-runtime.js';

/**
 * Finds the transactions, open or closed, with a QR fee order not settled: more `fee.qr` intents
 * (one per order) than `fee.settled` events. A session closes its transaction while the order it
 * stopped waiting for is still being closed at the host; a crash then leaves the order open in a
 * closed transaction, which recovery at boot must still settle (ADR 0008, "The fee").
 */
@Injectable()
export class FeeOrderScan {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async transactionsWithOpenOrders(): Promise<string[]> {
    const rows = await this.db
      .getRepository(JournalStep)
      .createQueryBuilder('s')
      .select('s.transactionId', 'transactionId')
      .where('s.step IN (:...steps)', { steps: ['fee.qr', 'fee.settled'] })
      .groupBy('s.transactionId')
      .having(
        `SUM(CASE WHEN s.step = 'fee.qr' AND s.phase = 'intent' THEN 1 ELSE 0 END) > SUM(CASE WHEN s.step = 'fee.settled' THEN 1 ELSE 0 END)`,
      )
      .orderBy('s.transactionId', 'ASC')
      .getRawMany<{ transactionId: string }>();
    return rows.map((r) => r.transactionId);
  }
}

import { Logger } from '@nestjs/common';
import { KioskError } from '@kiosk/domain';
import type { DataSource } from './typeorm-runtime.js';
import { JournalStatements, type Statement } from './journal-statements.js';
import { writeFailed } from './journal-write-errors.js';
import type { TransactionState } from './known-transactions.js';
import { reportLateWrite } from './late-writes.js';
import { PendingWrites } from './pending-writes.js';

const log = new Logger('Journal');

export interface WriteOptions {
  /**
   * Written in one commit with the transaction's next write (its next step or its close): one WAL
   * sync for both. Lost with it if the kiosk dies first, so only for what recovery does not need
   * before that next write (the masked card number beside the card.read step, the outcome of a
   * card handed back, which recovery reads from the reader itself).
   */
  readonly withNextWrite?: boolean;
}

/**
 * How the journal's writes reach the store: a statement committed alone, or one of a transaction
 * committed with the writes held for its next write (`WriteOptions.withNextWrite`,
 * `pending-writes.ts`), on the statements prepared once (`journal-statements.ts`). What the store
 * refuses is JOURNAL_WRITE_FAILED; a write into a closed transaction is reported late.
 */
export class JournalWrites {
  /** every write, on SQLite prepared once on the driver's connection (`journal-statements.ts`) */
  private readonly statements: JournalStatements;
  /** per transaction, the writes that go with its next commit (`WriteOptions.withNextWrite`) */
  private readonly pending: PendingWrites;

  constructor(db: DataSource) {
    this.statements = new JournalStatements(db);
    this.pending = new PendingWrites(this.statements);
  }

  /**
   * True when `statement` waits for the transaction's next write (`withNextWrite`), which only an
   * open transaction gets. A closed one (or one closing) has no next write to carry it: written at
   * once and reported late (`late-writes.ts`); one the store does not hold, at once too.
   */
  heldForNextWrite(
    transactionId: string,
    state: TransactionState,
    what: string,
    statement: Statement,
    options: WriteOptions | undefined,
  ): boolean {
    if (state === 'closed') reportLateWrite(transactionId, what);
    if (state !== 'open' || options?.withNextWrite !== true) return false;
    this.pending.defer(transactionId, statement);
    return true;
  }

  /** One write of a transaction, committed with the writes waiting for it. */
  async writeFor(transactionId: string, statement?: Statement): Promise<void> {
    try {
      await this.pending.commit(transactionId, statement);
    } catch (e) {
      throw writeFailed(e);
    }
  }

  /** One write committed alone (what waits for the transaction's next write waits on). */
  async writeAlone(statement: Statement): Promise<void> {
    try {
      await this.statements.run(statement);
    } catch (e) {
      throw writeFailed(e);
    }
  }

  /** At a graceful stop: what waits for a next write is written now; what the store refuses is logged. */
  async writeAllWaiting(): Promise<void> {
    for (const transactionId of this.pending.transactions()) {
      await this.writeFor(transactionId).catch((e: unknown) => {
        log.error(
          `${transactionId}: the writes held for its next write were not written at stop: ${KioskError.from(e).code}`,
        );
      });
    }
  }
}

import { Logger } from '@nestjs/common';
import { KioskError } from '@kiosk/domain';
import type { DataSource } from './typeorm-runtime.js';
import { JournalStatements, ThrownOnceWritten, type Statement } from './journal-statements.js';
import { journalStopOf, type JournalStop } from './journal-stop.js';
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
 * refuses is JOURNAL_WRITE_FAILED; a write into a closed transaction is reported late. Every write
 * is counted by the connection's stop (`journal-stop.ts`), which waits for it before the
 * connection closes and refuses one asked for after it began.
 */
export class JournalWrites {
  /** every write, on SQLite prepared once on the driver's connection (`journal-statements.ts`) */
  private readonly statements: JournalStatements;
  /** per transaction, the writes that go with its next commit (`WriteOptions.withNextWrite`) */
  private readonly pending: PendingWrites;
  /** the graceful stop of the connection: waits for the writes under way, refuses later ones */
  readonly #stop: JournalStop;

  /** the work every write waits for while it runs (a key rotation, `exclusive`) */
  #exclusive: Promise<void> | undefined;
  /** writes under way (on PostgreSQL, sent and not yet answered) */
  #underWay = 0;
  /** wakes `exclusive` when the last write under way is done */
  #drained: (() => void) | undefined;

  constructor(db: DataSource) {
    this.statements = new JournalStatements(db);
    this.pending = new PendingWrites(this.statements);
    this.#stop = journalStopOf(db);
    this.#stop.onLastWrites(() => this.writeAllWaiting());
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
  writeFor(transactionId: string, statement?: Statement): Promise<void> {
    return this.#write(`a write of ${transactionId}`, () => this.pending.commit(transactionId, statement));
  }

  /** One write committed alone (what waits for the transaction's next write waits on). */
  writeAlone(statement: Statement): Promise<void> {
    return this.#write('a write', () => this.statements.run(statement));
  }

  /**
   * Runs `work` with no journal write under way: it starts once the writes sent before it are
   * done, and the writes asked for meanwhile wait for it to end (then go in the order asked). The
   * key rotation runs so: a sealed value is sealed when written (`PersonalDataVault.upsert`), so
   * none is written under the old key after the rotation has read the rows, nor into the
   * rotation's transaction (on SQLite, TypeORM's transaction is on the connection the writes use).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.#stop.write('the key rotation', () => this.#exclusiveNow(work));
  }

  async #exclusiveNow<T>(work: () => Promise<T>): Promise<T> {
    while (this.#exclusive !== undefined) await this.#exclusive;
    let end!: () => void;
    this.#exclusive = new Promise<void>((resolve) => (end = resolve));
    try {
      if (this.#underWay > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
      return await work();
    } finally {
      this.#drained = undefined;
      this.#exclusive = undefined;
      end();
    }
  }

  #write(what: string, write: () => Promise<unknown> | undefined): Promise<void> {
    return this.#stop.write(what, () => this.#writeNow(write));
  }

  /** on SQLite the write is done when this returns (a held write after a close keeps its order) */
  async #writeNow(write: () => Promise<unknown> | undefined): Promise<void> {
    while (this.#exclusive !== undefined) await this.#exclusive;
    this.#underWay += 1;
    try {
      await write();
    } catch (e) {
      // a statement's `written` hook threw, the write done: no refusal of the store
      throw e instanceof ThrownOnceWritten ? e.cause : writeFailed(e);
    } finally {
      this.#underWay -= 1;
      if (this.#underWay === 0) this.#drained?.();
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

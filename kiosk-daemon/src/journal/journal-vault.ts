/**
 * The journal's personal data as the journal writes and reads it (`JournalService` hands its
 * `sealPersonalData`, `personalDataOf`, `keyId` and `rotateKey` here): the vault of sealed values
 * (`journal-personal-data.ts`) opened with the journal key at the journal's start, a value written
 * through the journal's writes (alone, or held for its transaction's next write), a rotation run
 * with those writes held. Never a PIN.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import type { DataSource } from './typeorm-runtime.js';
import { loadJournalKey, readOrCreateJournalKeyFile } from './journal-key-file.js';
import { PersonalDataVault, type PersonalData, type PersonalField } from './journal-personal-data.js';
import type { JournalSql } from './journal-sql.js';
import type { JournalWrites, WriteOptions } from './journal-writes.js';
import type { KnownTransactions } from './known-transactions.js';

export class JournalVault {
  private vault: PersonalDataVault | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly config: KioskConfig,
    /** the journal's: whether a transaction is open, closed or absent */
    private readonly known: KnownTransactions,
    /** the journal's: how a write is committed (alone, or with its transaction's next write) */
    private readonly writes: JournalWrites,
    private readonly sql: JournalSql,
  ) {}

  /** Opens the vault with the journal key (`journal.keyFile`); before this, its acts are JOURNAL_KEY_MISSING. */
  open(): void {
    this.vault = new PersonalDataVault(this.db, loadJournalKey(this.config));
  }

  /** See `JournalService.sealPersonalData`. */
  async seal(
    transactionId: string,
    field: PersonalField,
    value: string,
    options?: WriteOptions,
  ): Promise<void> {
    // sealed when written, under the key then: held across a key rotation, under the new one
    const upsert = this.opened().upsert(this.sql.seal, transactionId, field, value);
    const state = this.known.stateOf(transactionId) ?? (await this.known.read(transactionId));
    if (this.writes.heldForNextWrite(transactionId, state, `sealed ${field}`, upsert, options)) return;
    // a closed transaction's writes go at once, with anything of it still waiting
    if (state === 'closed') await this.writes.writeFor(transactionId, upsert);
    else await this.writes.writeAlone(upsert);
  }

  /** See `JournalService.personalDataOf`. */
  async of(transactionId: string): Promise<PersonalData> {
    const vault = this.opened();
    try {
      return await vault.get(transactionId);
    } catch (e) {
      if (e instanceof KioskError) throw e;
      throw new KioskError(ErrorCode.JOURNAL_READ_FAILED, 'The journal could not be read.', {}, { cause: e });
    }
  }

  get keyId(): string {
    return this.opened().keyId;
  }

  /** See `JournalService.rotateKey`. */
  async rotateKey(newKeyFile: string): Promise<number> {
    const vault = this.opened();
    const next = readOrCreateJournalKeyFile(newKeyFile);
    return this.writes.exclusive(() => vault.rotate(next));
  }

  private opened(): PersonalDataVault {
    if (this.vault === undefined) {
      throw new KioskError(ErrorCode.JOURNAL_KEY_MISSING, 'The journal key is not loaded yet.', {});
    }
    return this.vault;
  }
}

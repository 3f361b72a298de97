/**
 * The journal's sealed personal data: what a transaction must keep in full (a card number for
 * reconciliation, a resident's name or ID number on an issuance) stored only as AES-256-GCM
 * ciphertext with the id of its key. A PIN is not a personal data field and is never stored.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { JournalPersonalData } from './journal-personal-data.entity.js';
import { open, seal, type JournalKey, type SealedValue } from './journal-seal.js';
import type { Statement } from './journal-statements.js';

export const PERSONAL_FIELDS = ['cardNumber', 'residentName', 'idNumber'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type PersonalData = Partial<Record<PersonalField, string>>;

/** Binds a sealed value to its row: the same ciphertext under another transaction does not open. */
const contextOf = (transactionId: string, field: string) => `journal:${transactionId}:${field}`;

export class PersonalDataVault {
  /**
   * the keys rows are opened with, by id: the current key, and during a rotation the next one too
   * (a row re-sealed in the rotation's transaction, not yet committed, is read by either)
   */
  readonly #opening = new Map<string, JournalKey>();

  constructor(
    private readonly db: DataSource,
    private key: JournalKey,
  ) {
    this.#opening.set(key.id, key);
  }

  get keyId(): string {
    return this.key.id;
  }

  /**
   * The upsert of one value (`sql`, `JournalSql.seal`), whose parameters seal the value when they
   * are read, that is when the statement is written: under the key current then, not the one of
   * the moment it was made. A value held for its transaction's next write (`withNextWrite`) across
   * a key rotation is so written under the new key, never under the one the rotation retired. A
   * field the journal does not keep is refused now.
   */
  upsert(sql: string, transactionId: string, field: PersonalField, value: string): Statement {
    if (!(PERSONAL_FIELDS as readonly string[]).includes(field)) {
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'Not a personal data field the journal keeps.', {
        field,
      });
    }
    const sealNow = (): SealedValue => seal(this.key, value, contextOf(transactionId, field));
    return {
      sql,
      get params() {
        const { keyId, sealed } = sealNow();
        return [transactionId, field, keyId, sealed];
      },
    };
  }

  /**
   * The transaction's values, opened. A read that overlaps a rotation opens a row under the key
   * held when it began or the one held when its rows came (PostgreSQL may answer with rows read
   * before the rotation committed after it has retired the old key).
   */
  async get(transactionId: string): Promise<PersonalData> {
    const atStart = new Map(this.#opening);
    const rows = await this.db.getRepository(JournalPersonalData).find({ where: { transactionId } });
    const out: PersonalData = {};
    for (const row of rows) {
      const key = this.#opening.get(row.keyId) ?? atStart.get(row.keyId) ?? this.key;
      out[row.field as PersonalField] = open(key, row, contextOf(row.transactionId, row.field));
    }
    return out;
  }

  /**
   * Re-seals every value under `next` in one database transaction, then seals with `next` from
   * now on and opens with it alone: the old key is retired. Returns how many values were
   * re-sealed. Every value is opened before anything is written: one that does not open refuses
   * the rotation with nothing changed and no database transaction begun (on SQLite that transaction
   * is on the connection every writer of the store shares, and its rollback would take their
   * writes made meanwhile with it). The daemon runs it with its journal writes held
   * (`JournalWrites.exclusive`), so no value is written under the old key after the rotation read
   * the rows; a row changed all the same since it was read is left as it is, not overwritten.
   */
  async rotate(next: JournalKey): Promise<number> {
    const current = this.key;
    const rows = await this.db.getRepository(JournalPersonalData).find();
    const resealed = rows
      .filter((row) => row.keyId !== next.id)
      .map((row) => {
        const context = contextOf(row.transactionId, row.field);
        return { row, again: seal(next, open(current, row, context), context) };
      });
    this.#opening.set(next.id, next);
    try {
      if (resealed.length > 0) {
        await this.db.transaction(async (m: EntityManager) => {
          for (const { row, again } of resealed) {
            await m.update(
              JournalPersonalData,
              { id: row.id, sealed: row.sealed },
              { keyId: again.keyId, sealed: again.sealed },
            );
          }
        });
      }
    } catch (e) {
      if (next.id !== current.id) this.#opening.delete(next.id);
      throw e;
    }
    this.key = next;
    this.#opening.clear();
    this.#opening.set(next.id, next);
    return resealed.length;
  }
}

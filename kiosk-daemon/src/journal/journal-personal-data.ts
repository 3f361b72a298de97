/**
 * The journal's sealed personal data: what a transaction must keep in full (a card number for
 * reconciliation, a resident's name or ID number on an issuance) stored only as AES-256-GCM
 * ciphertext with the id of its key. A PIN is not a personal data field and is never stored.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { JournalPersonalData } from './journal-personal-data.entity.js';
import { open, seal, type JournalKey } from './journal-seal.js';

export const PERSONAL_FIELDS = ['cardNumber', 'residentName', 'idNumber'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type PersonalData = Partial<Record<PersonalField, string>>;

/** Binds a sealed value to its row: the same ciphertext under another transaction does not open. */
const contextOf = (transactionId: string, field: string) => `journal:${transactionId}:${field}`;

export class PersonalDataVault {
  constructor(
    private readonly db: DataSource,
    private key: JournalKey,
  ) {}

  get keyId(): string {
    return this.key.id;
  }

  /**
   * The row the journal writes (one prepared upsert, `JournalService.sealPersonalData`): the value
   * sealed under the current key, bound to its transaction and field.
   */
  sealFor(transactionId: string, field: PersonalField, value: string): { keyId: string; sealed: string } {
    if (!(PERSONAL_FIELDS as readonly string[]).includes(field)) {
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'Not a personal data field the journal keeps.', {
        field,
      });
    }
    return seal(this.key, value, contextOf(transactionId, field));
  }

  async get(transactionId: string): Promise<PersonalData> {
    const rows = await this.db.getRepository(JournalPersonalData).find({ where: { transactionId } });
    const out: PersonalData = {};
    for (const row of rows) {
      out[row.field as PersonalField] = open(this.key, row, contextOf(row.transactionId, row.field));
    }
    return out;
  }

  /**
   * Re-seals every value under `next` in one database transaction, then seals with `next` from
   * now on. Nothing changes if any value fails to open. Returns how many values were re-sealed.
   */
  async rotate(next: JournalKey): Promise<number> {
    const current = this.key;
    const count = await this.db.transaction(async (m: EntityManager) => {
      const rows = await m.find(JournalPersonalData);
      let resealed = 0;
      for (const row of rows) {
        if (row.keyId === next.id) continue;
        const context = contextOf(row.transactionId, row.field);
        const again = seal(next, open(current, row, context), context);
        await m.update(JournalPersonalData, { id: row.id }, { keyId: again.keyId, sealed: again.sealed });
        resealed += 1;
      }
      return resealed;
    });
    this.key = next;
    return count;
  }
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from './typeorm-runtime.js';

/**
 * Personal data a transaction needs kept in full (a card number for reconciliation, a resident's
 * name on an issuance), sealed with AES-256-GCM. `keyId` names the key that sealed it, so a
 * rotation can find what is still under an old key. A PIN is never one of these.
 */
@Entity({ name: 'journal_personal_data' })
@Index(['transactionId', 'field'], { unique: true })
export class JournalPersonalData {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  transactionId!: string;

  @Column({ type: 'varchar', length: 24 })
  field!: string;

  @Column({ type: 'varchar', length: 16 })
  keyId!: string;

  /** base64 of IV (12 bytes) + GCM tag (16 bytes) + ciphertext */
  @Column({ type: 'text' })
  sealed!: string;
}

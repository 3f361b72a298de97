import { Column, Entity, Index, PrimaryColumn } from './typeorm-runtime.js';

/** One resident transaction (a journey run) in the electronic journal. */
@Entity({ name: 'journal_transaction' })
export class JournalTransaction {
  /** kiosk id + serial, e.g. JZ-0001-000042: also the idempotency key towards the host */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  kioskId!: string;

  @Column({ type: 'integer' })
  serial!: number;

  @Index()
  @Column({ type: 'varchar', length: 64 })
  sessionId!: string;

  @Column({ type: 'varchar', length: 32 })
  journey!: string;

  /** open until the outcome is known; recovery at boot looks for open ones */
  @Index()
  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'closed';

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome!: string | null;

  @Column({ type: 'varchar', length: 48, nullable: true })
  errorCode!: string | null;

  /** masked card number only */
  @Column({ type: 'varchar', length: 32, nullable: true })
  maskedCardNumber!: string | null;

  @Column({ type: 'varchar', length: 30 })
  startedAt!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  endedAt!: string | null;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from './typeorm-runtime.js';

/**
 * One step of a transaction: written with phase 'intent' BEFORE an irreversible act and again
 * with 'done' or 'failed' after its outcome. Details are masked; a PIN is never written.
 */
@Entity({ name: 'journal_step' })
@Index(['transactionId', 'seq'], { unique: true })
@Index('IDX_journal_step_name', ['step', 'id', 'transactionId'])
export class JournalStep {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  transactionId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 48 })
  step!: string;

  @Column({ type: 'varchar', length: 8 })
  phase!: 'intent' | 'done' | 'failed' | 'event';

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}

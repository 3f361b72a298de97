import { Column, Entity, Index, PrimaryGeneratedColumn } from './typeorm-runtime.js';

/**
 * One act of field staff on a supply: a refill, a bin emptied, or stock a self test used (a test
 * note to the reject bin, a test card). Append-only, written after the act with the three counts
 * that reconcile it: the journal's before, what staff counted, and the device's before and after.
 */
@Entity({ name: 'maintenance_supply' })
@Index(['kind', 'supply', 'id'])
export class MaintenanceSupplyRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  /** the maintenance visit's journal transaction */
  @Column({ type: 'varchar', length: 64 })
  transactionId!: string;

  @Column({ type: 'varchar', length: 16 })
  staffId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  /** 'paper', 'cardHopper', 'ribbon', 'cassette:upper', 'rejectBin', 'retractBin' */
  @Column({ type: 'varchar', length: 32 })
  supply!: string;

  @Column({ type: 'varchar', length: 8 })
  action!: 'refill' | 'empty' | 'test';

  /** units loaded (refill), taken out (empty) or used (test) */
  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'integer', nullable: true })
  journalBefore!: number | null;

  @Column({ type: 'integer', nullable: true })
  countedByStaff!: number | null;

  @Column({ type: 'integer', nullable: true })
  deviceBefore!: number | null;

  @Column({ type: 'integer', nullable: true })
  deviceAfter!: number | null;

  @Column({ type: 'varchar', length: 30 })
  at!: string;
}

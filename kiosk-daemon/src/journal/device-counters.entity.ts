import { Column, Entity, Index, PrimaryGeneratedColumn } from './typeorm-runtime.js';

/**
 * What one device reported it holds at one moment (notes per cassette, blank cards, the reject,
 * retract and capture bins). Append-only: the latest row per kind is the current count, the
 * history is what reconciliation and auditors read.
 */
@Entity({ name: 'device_counters' })
@Index(['kind', 'id'])
export class DeviceCountersRecord {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ type: 'varchar', length: 30 })
  at!: string;

  /** the counters as JSON, validated by DeviceCounters before every write */
  @Column({ type: 'text' })
  counters!: string;
}

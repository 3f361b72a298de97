import { Inject, Injectable } from '@nestjs/common';
import { DEVICE_KINDS, ErrorCode, KioskError, type DeviceKind } from '@kiosk/domain';
import { DataSource } from './typeorm-runtime.js';
import { DeviceCountersRecord } from './device-counters.entity.js';
import { DeviceCounters } from './device-counters.service.js';
import { JournalStep } from './journal-step.entity.js';
import { journalStopOf } from './journal-stop.js';
import { writeFailed } from './journal-write-errors.js';
import { MaintenanceSupplyRecord } from './maintenance-supply.entity.js';
import { detailCount, detailText } from './step-detail.js';

export type SupplyAct = Omit<MaintenanceSupplyRecord, 'id' | 'at'>;

/** A device's counters as journaled at one moment, for reconciliation. */
export interface JournaledCounters {
  readonly kind: DeviceKind;
  readonly at: string;
  readonly counters: DeviceCounters;
}

/**
 * Field staff's supply acts (`maintenance_supply`), appended with ONE insert each, and the history
 * reconciliation reads: those acts and the device counters since a moment.
 */
@Injectable()
export class MaintenanceSupplyLog {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * One act appended. Counted by the journal's stop while under way (`journal-stop.ts`): a stop
   * waits for it before the connection closes; asked for after the stop began, it is refused
   * (JOURNAL_WRITE_FAILED, `stopping`), never cut unsaid.
   */
  append(act: SupplyAct, now = new Date()): Promise<void> {
    return journalStopOf(this.db).write(`a supply act of ${act.kind}`, () => this.appendNow(act, now));
  }

  private async appendNow(act: SupplyAct, now: Date): Promise<void> {
    if (!(DEVICE_KINDS as readonly string[]).includes(act.kind) || !Number.isInteger(act.quantity)) {
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'A supply act of an unknown device or count.', {
        kind: act.kind,
      });
    }
    try {
      await this.db.manager.insert(MaintenanceSupplyRecord, { ...act, at: now.toISOString() });
    } catch (e) {
      throw writeFailed(e);
    }
  }

  /** Every supply act at or after `at` (ISO time), oldest first. */
  async since(at: string): Promise<MaintenanceSupplyRecord[]> {
    return this.db
      .getRepository(MaintenanceSupplyRecord)
      .createQueryBuilder('s')
      .where('s.at >= :at', { at })
      .orderBy('s.id', 'ASC')
      .getMany();
  }

  /** The supply acts of one maintenance visit (its journal transaction), oldest first. */
  async ofTransaction(transactionId: string): Promise<MaintenanceSupplyRecord[]> {
    return this.db
      .getRepository(MaintenanceSupplyRecord)
      .createQueryBuilder('s')
      .where('s.transactionId = :transactionId', { transactionId })
      .orderBy('s.id', 'ASC')
      .getMany();
  }

  /** Every device counters row at or after `at`, oldest first. */
  async countersSince(at: string): Promise<JournaledCounters[]> {
    const rows = await this.db
      .getRepository(DeviceCountersRecord)
      .createQueryBuilder('c')
      .where('c.at >= :at', { at })
      .orderBy('c.id', 'ASC')
      .getMany();
    return rows.map((r) => ({
      kind: r.kind as DeviceKind,
      at: r.at,
      counters: DeviceCounters.parse(JSON.parse(r.counters)),
    }));
  }

  /**
   * The cards issued as of `at` (ISO time): the count of the last hand-over journaled at or before
   * it (`card.taken`, which carries the count it makes), 0 when none was. What a reconciliation
   * period starts from when its first card printer record holds no issued count: a record of a
   * release before the count (a rollback), not a kiosk that never issued a card.
   */
  async issuedAsOf(at: string): Promise<number> {
    const taken = await this.db
      .getRepository(JournalStep)
      .createQueryBuilder('s')
      .where('s.step = :step AND s.at <= :at', { step: 'card.taken', at })
      .orderBy('s.id', 'DESC')
      .getOne();
    return detailCount(taken ?? undefined, 'issued') ?? 0;
  }

  /**
   * The steps named one of `steps` written after the step of id `afterId` (0: all), oldest first;
   * with `detailHas`, only those whose detail holds one of its texts (the caller reads them exactly).
   */
  stepsNamedAfter(
    steps: readonly string[],
    afterId: number,
    detailHas?: readonly string[],
  ): Promise<JournalStep[]> {
    const query = this.db
      .getRepository(JournalStep)
      .createQueryBuilder('s')
      .where('s.step IN (:...steps) AND s.id > :afterId', { steps, afterId });
    if (detailHas?.length) {
      const likes = detailHas.map((_, i) => `s.detail LIKE :has${i}`).join(' OR ');
      query.andWhere(`(${likes})`, Object.fromEntries(detailHas.map((text, i) => [`has${i}`, `%${text}%`])));
    }
    return query.orderBy('s.id', 'ASC').getMany();
  }

  /**
   * How many card makings staff settled as found nowhere (`recovery.staffCounted`, blank `missing`)
   * and jammed cards staff took out of the card printer (`maintenance.jammedCard`, `removed`) at or
   * after `at`: blanks that left the hopper and are neither issued nor in the reject bin.
   */
  async cardsFoundMissingSince(at: string): Promise<number> {
    const counted = await this.db
      .getRepository(JournalStep)
      .createQueryBuilder('s')
      .where('s.step IN (:...steps) AND s.at >= :at', {
        steps: ['recovery.staffCounted', 'maintenance.jammedCard'],
        at,
      })
      .getMany();
    return counted.filter((s) => detailText(s, 'blank') === 'missing' || detailText(s, 'where') === 'removed')
      .length;
  }
}

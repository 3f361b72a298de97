import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEVICE_KINDS, ErrorCode, KioskError, OneAtATime, type DeviceKind } from '@kiosk/domain';
import { DataSource } from './typeorm-runtime.js';
import { DeviceCountersRecord } from './device-counters.entity.js';
import { DeviceCounters, readCounters, type RecordedCounters } from './device-counters-record.js';
import { lacksJournalCount, withJournalCounts } from './device-counters-of.js';
import { journalStopOf } from './journal-stop.js';
import { writeFailed } from './journal-write-errors.js';
import { describeAgainst, describeMade, recordOfAct, withMade, type MadeCounts } from './made-counts.js';

/**
 * The records of one store, one at a time (every `DeviceCountersService` on it: the journal's and
 * the one injected): a count carried forward is read and appended with no other record between,
 * so a count recorded meanwhile (staff's) is never overwritten by an older one carried.
 */
const recording = new OneAtATime<DataSource>();

const log = new Logger('DeviceCounters');

export type { MadeCounts } from './made-counts.js';
export { DeviceCounters, type RecordedCounters } from './device-counters-record.js';

/**
 * The device counters table: every report appended with ONE insert, the latest per device kind
 * read back at boot (recovery compares it with what the devices say) and by reconciliation. Every
 * record is counted by the journal's stop from its start (`journal-stop.ts`): a stop waits for it
 * before the connection closes, and one asked for after the stop began is refused
 * (JOURNAL_WRITE_FAILED, `stopping`), never cut unsaid.
 */
@Injectable()
export class DeviceCountersService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Appends what `kind` holds now. A count the journal keeps itself that the device reports none
   * of (a card printer's reject bin it does not count) is carried forward from the last record,
   * not dropped (`withJournalCounts`). `carried`: the caller carried it already from the record it
   * read just before (boot reconcile, nothing else recording then): that record is not read again.
   */
  recordCounters(
    kind: DeviceKind,
    counters: DeviceCounters,
    now = new Date(),
    options: { readonly carried?: boolean } = {},
  ): Promise<void> {
    return this.#recorded(`a counters record of ${kind}`, () =>
      this.append(kind, counters, now, options.carried === true),
    );
  }

  /** `record` run one at a time on the store, counted by the journal's stop (`what`: which, never its counts) */
  #recorded<T>(what: string, record: () => Promise<T>): Promise<T> {
    return journalStopOf(this.db).write(what, () => recording.run(this.db, record));
  }

  private async append(
    kind: DeviceKind,
    counters: DeviceCounters,
    now: Date,
    carried: boolean,
  ): Promise<void> {
    if (!(DEVICE_KINDS as readonly string[]).includes(kind)) {
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'Counters of an unknown device kind.', { kind });
    }
    // the last record read only where there is a count to carry
    const kept =
      !carried && lacksJournalCount(kind, counters)
        ? withJournalCounts(kind, counters, await this.latestOf(kind))
        : counters;
    const parsed = DeviceCounters.safeParse(kept);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new KioskError(ErrorCode.JOURNAL_BAD_RECORD, 'Device counters refused.', {
        kind,
        reason: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid',
      });
    }
    try {
      await this.db.manager.insert(DeviceCountersRecord, {
        kind,
        at: now.toISOString(),
        counters: JSON.stringify(parsed.data),
      });
    } catch (e) {
      throw writeFailed(e);
    }
  }

  /**
   * The card printer's issued count set to `issued` (a count a `card.taken` step journaled) unless
   * the journal's last record counts that many already: the same hand-over recorded again (a
   * restart between its step and its record, recovery, the boot's catch-up) moves nothing. The
   * printer's other counts are carried from its last record.
   */
  recordIssued(issued: number, now = new Date()): Promise<boolean> {
    return this.#recorded('a counters record of cardPrinter (issued)', async () => {
      const last = await this.latestOf('cardPrinter');
      if ((last?.issued ?? -1) >= issued) return false;
      await this.append('cardPrinter', { ...last, issued }, now, true);
      return true;
    });
  }

  /**
   * The card printer's reject bin, which the printer does not count, set to `rejectBin`: the count
   * a journaled step made (a card staff found there, `journeys/staff-counted-blank.ts`) when the
   * last record was `after` (`lastRecord`), with the printer's counts now (`device`): one more than
   * before, recorded once (`recordCountsOnce`). True when it recorded.
   */
  recordRejectBinOnce(
    rejectBin: number,
    after: number,
    device: DeviceCounters | undefined,
    now = new Date(),
  ): Promise<boolean> {
    const made = { counts: { rejectBin }, before: { rejectBin: rejectBin - 1 }, after };
    return this.recordCountsOnce('cardPrinter', made, device, now);
  }

  /**
   * The counts a journaled step made (`made.counts`: what they must become, from `made.before`,
   * when the last record was `made.after`, `lastRecord`) recorded for `kind` with its counts now
   * (`device`, else its last record's). Set, never added, and only while every record of `kind`
   * since `after` still holds the counts before: one that has them already (the same act recorded
   * again: a restart after its record, the act's settlement carried through again) or others (a
   * bin emptied since) moves nothing, so an act is never counted twice. True when it recorded.
   */
  recordCountsOnce(
    kind: DeviceKind,
    made: { readonly counts: MadeCounts; readonly before: MadeCounts; readonly after: number },
    device?: DeviceCounters,
    now = new Date(),
  ): Promise<boolean> {
    return this.#recorded(`a counters record of ${kind} (counts made once)`, async () => {
      const since = await this.db
        .getRepository(DeviceCountersRecord)
        .createQueryBuilder('c')
        .where('c.kind = :kind AND c.id > :after', { kind, after: made.after })
        .getMany();
      const moved = since
        .map((row) => readCounters(row.counters))
        .find((kept) => recordOfAct(kept, made) !== 'before');
      if (moved) {
        if (recordOfAct(moved, made) === 'other') {
          const was = describeAgainst(moved, made.counts);
          log.warn(
            `${kind} at ${was} before the counts journaled (${describeMade(made.counts)}) were recorded: left`,
          );
        }
        return false;
      }
      const last = await this.latestOf(kind);
      await this.append(kind, withMade({ ...last, ...device }, made.counts), now, true);
      return true;
    });
  }

  /** The last counters of one device kind; undefined when it never reported or they do not read. */
  private async latestOf(kind: DeviceKind): Promise<DeviceCounters | undefined> {
    const row = await this.db
      .getRepository(DeviceCountersRecord)
      .findOne({ where: { kind }, order: { id: 'DESC' } });
    return row ? readCounters(row.counters) : undefined;
  }

  /**
   * The last counters of `kind` recorded at or before `at` (an ISO time): what the device held when
   * a journey stopped, before boot reconcile recorded what it holds after. Undefined when none was
   * recorded by then, `unreadable` when that record does not read.
   */
  countersAtOrBefore(kind: DeviceKind, at: string): Promise<DeviceCounters | 'unreadable' | undefined> {
    return this.lastOfKindWhere(kind, 'c.at <= :at', { at });
  }

  /**
   * The id of the last record of any kind, 0 when none: journaled with an act's intent, it parts
   * the records before the intent from those after it by order, where two tables' times cannot (a
   * record in the intent's millisecond). Ids follow the table's sequence (AUTOINCREMENT, SERIAL)
   * and the records of a store are written one at a time, so a record with an id up to this one
   * holds what the device reported before this was read. JOURNAL_READ_FAILED when it does not read.
   */
  async lastRecord(): Promise<number> {
    try {
      const row = await this.db
        .getRepository(DeviceCountersRecord)
        .createQueryBuilder('c')
        .select('COALESCE(MAX(c.id), 0)', 'last')
        .getRawOne<{ last: number | string }>();
      return Number(row?.last ?? 0);
    } catch (e) {
      // a coded refusal (the journal stopping) passes as it is, its detail kept
      if (e instanceof KioskError) throw e;
      throw new KioskError(ErrorCode.JOURNAL_READ_FAILED, 'The journal could not be read.', {}, { cause: e });
    }
  }

  /**
   * The last counters of `kind` in the records up to `record` (an id `lastRecord` gave): what the
   * device held when that id was read. Undefined when none, `unreadable` when that record does not read.
   */
  countersUpTo(kind: DeviceKind, record: number): Promise<DeviceCounters | 'unreadable' | undefined> {
    return this.lastOfKindWhere(kind, 'c.id <= :record', { record });
  }

  /** The last record of `kind` meeting `bound` (a condition on `c`), read: the two above differ only there. */
  private async lastOfKindWhere(
    kind: DeviceKind,
    bound: string,
    parameters: Record<string, string | number>,
  ): Promise<DeviceCounters | 'unreadable' | undefined> {
    const row = await this.db
      .getRepository(DeviceCountersRecord)
      .createQueryBuilder('c')
      .where(`c.kind = :kind AND ${bound}`, { kind, ...parameters })
      .orderBy('c.id', 'DESC')
      .limit(1)
      .getOne();
    if (!row) return undefined;
    return readCounters(row.counters) ?? 'unreadable';
  }

  /**
   * The last counters each device kind reported; kinds that never reported are absent, and so is a
   * kind whose last record does not read, unless it is one of `needed`: a count the kiosk cannot
   * do without (a dispenser that counts nothing itself starts from the journal's notes) is refused
   * JOURNAL_BAD_RECORD rather than taken as never counted.
   */
  async latestCounters(
    needed: readonly DeviceKind[] = [],
  ): Promise<Partial<Record<DeviceKind, RecordedCounters>>> {
    const rows = await this.db
      .getRepository(DeviceCountersRecord)
      .createQueryBuilder('c')
      .where((qb) => {
        const latest = qb
          .subQuery()
          .select('MAX(l.id)')
          .from(DeviceCountersRecord, 'l')
          .groupBy('l.kind')
          .getQuery();
        return `c.id IN ${latest}`;
      })
      .getMany();
    const out: Partial<Record<DeviceKind, RecordedCounters>> = {};
    for (const row of rows) {
      const counters = readCounters(row.counters);
      if (counters) {
        out[row.kind as DeviceKind] = { at: row.at, counters };
      } else if (needed.includes(row.kind as DeviceKind)) {
        throw new KioskError(
          ErrorCode.JOURNAL_BAD_RECORD,
          "The journal's last device counters do not read.",
          {
            kind: row.kind,
            record: row.id,
          },
        );
      } else {
        // one unreadable record (a damaged row, a counter a newer release wrote) must not take the
        // other devices' counts, the staff views and boot reconcile down with it: that device
        // reads as not counted in the journal, as latestOf reads it; its values are not logged
        log.error(`device counters record ${row.id} of ${row.kind} does not read: taken as not counted`);
      }
    }
    return out;
  }
}

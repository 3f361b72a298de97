/**
 * The kiosk's bounded queue of telemetry events waiting for a monitor to say it stored them (the
 * ack on `kiosk/<id>/events/ack`, not the broker's PUBACK: ADR 0011). When full it
 * drops the oldest plain event and counts the drop (the publisher reports the count as an
 * `eventsDropped` event); an alert that needs staff (`STAFF_ALERT_EVENTS`: the monitor raises
 * it from that event alone) goes only when nothing but such alerts is left, so a long broker
 * outage costs the fleet journey outcomes and retracts, not the alerts staff must act on. The
 * alerts the kiosk derives from its journal again until a monitor stored them (`keptUntilStored`:
 * a card, money or a supply act left for staff, a host act given up) are never dropped and not
 * counted against the limit: the journal bounds them. An event whose id is queued already (an
 * alert told again from the journal at a restart) is not queued twice, nor is a self test's
 * recovery alert like one an earlier run queued (the self test failed again at the restart on
 * what recovery left): the one waiting stands for it, so the monitor stores it once. With a file it survives a daemon restart: the whole queue is rewritten
 * atomically (temp file + rename) on every enqueue and after acknowledged batches; events are rare
 * next to heartbeats, so the cost is small, and a replay after a crash is harmless because the
 * monitor stores each event id once. A file that does not read (a disk fault) does not keep the
 * kiosk from serving: it is set aside for field staff, the queue starts empty, and the events it
 * seems to have held are counted as dropped, so the fleet hears of the loss (`eventsDropped`).
 *
 * Read across releases (ADR 0018): a kiosk rolled back to an older release meets the file its newer
 * release wrote. The file is read event by event: an event this release does not read (a new type,
 * a new field or value) but whose envelope does (id, kioskId, seq, time, a type of a name's form)
 * is kept as it was written and sent on as it was, for a monitor to read open; only an event
 * without that envelope is counted as dropped. Fields of the file this release does not know are
 * left out. The queue is never set aside for what a newer release added.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ErrorCode, KioskError, ServiceReason } from '@kiosk/domain';
import { KioskIdSchema, TelemetryEventSchema, type TelemetryEvent } from '@kiosk/fleet-monitor/contract';

const QueueFileSchema = z.object({
  nextSeq: z.number().int().min(0),
  dropped: z.number().int().min(0),
  events: z.array(z.unknown()),
});

/** what this release checks of an event it does not read, as the monitor's open reading does */
const EnvelopeSchema = z.looseObject({
  id: z.uuid(),
  kioskId: KioskIdSchema,
  seq: z.number().int().min(0),
  at: z.iso.datetime(),
  type: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/),
});

/** An event a newer release queued that this release does not read: kept and sent on as it was. */
export type NewerReleaseEvent = z.infer<typeof EnvelopeSchema>;
export type QueuedEvent = TelemetryEvent | NewerReleaseEvent;

/**
 * The events the fleet monitor raises an alert from and nothing else tells it again (ADR 0011: a
 * device fault comes back with every status, these do not): an `anomaly` (a host act given up, a
 * card kept, cash left, a PIN locked, ...) and `recoveryNeedsStaff` (recovery left a withdrawal
 * undecided, a card kept or left, a supply act, for staff). Dropped last.
 */
export const STAFF_ALERT_EVENTS: ReadonlySet<string> = new Set(['anomaly', 'recoveryNeedsStaff']);

const needsStaff = (event: QueuedEvent) => STAFF_ALERT_EVENTS.has(event.type);

/**
 * The staff alerts the kiosk tells again from its journal until a monitor stored them (ADR 0004,
 * "Staff alerts kept until stored"): `recoveryNeedsStaff` (recovery left a withdrawal, a card
 * making or a card for staff, told at every self test that fails on it; a withdrawal left for
 * staff, in service too, once per withdrawal; a supply act left for staff; a self test timed out) and the `anomaly` of a host act given up (HOST_ACT_ABANDONED, money
 * perhaps held). Never dropped: the journal bounds them (a supply act's and a given-up act's alert
 * are queued once per act, under the act's own id; a self test's, once per failed self test,
 * and one an earlier run queued stands for the next like it).
 */
export function keptUntilStored(event: QueuedEvent): boolean {
  if (event.type === 'recoveryNeedsStaff') return true;
  return event.type === 'anomaly' && (event as { code?: unknown }).code === ErrorCode.HOST_ACT_ABANDONED;
}

/** The codes of a self test's recovery alert (its reason: failed, or did not finish). */
const SELF_TEST_CODES: ReadonlySet<unknown> = new Set([
  ServiceReason.SELF_TEST_FAILED,
  ServiceReason.SELF_TEST_TIMEOUT,
]);

/**
 * What a self test's recovery alert says (its code and cause: the monitor keeps one alert per
 * code); undefined for any other event, a supply act's and a withdrawal's left for staff too (told
 * under their own ids: one withdrawal's never stands for another's).
 */
function selfTestAlertOf(event: QueuedEvent): string | undefined {
  const e = event as { type: string; code?: unknown; cause?: unknown };
  if (e.type !== 'recoveryNeedsStaff' || !SELF_TEST_CODES.has(e.code)) return undefined;
  return `${String(e.code)}|${String(e.cause ?? '')}`;
}

export class TelemetryQueue {
  private events: QueuedEvent[] = [];
  private droppedCount = 0;
  private seq = 0;
  private unsaved = 0;
  /** the ids of the events an earlier run of the daemon queued (read from the file) */
  private readonly earlier = new Set<string>();
  /** the unreadable queue file found at start, moved aside under this name */
  readonly setAside: string | undefined;

  constructor(
    readonly limit: number,
    private readonly file?: string,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('queue limit must be a positive integer');
    this.setAside = file ? this.load(file) : undefined;
  }

  /** The sequence number for the next event (rises across restarts when there is a file). */
  nextSeq(): number {
    return this.seq++;
  }

  /**
   * Queues `event`; full, the oldest plain event goes. Answers the event queued: `event`, or the one
   * waiting that stands for it: its id queued already, or a self test's recovery alert like it that
   * an earlier run queued (the self test failed again at the restart, on what recovery left then).
   */
  push(event: TelemetryEvent): QueuedEvent {
    const alert = selfTestAlertOf(event);
    const waiting = this.events.find(
      (queued) =>
        queued.id === event.id ||
        (alert !== undefined && this.earlier.has(queued.id) && selfTestAlertOf(queued) === alert),
    );
    if (waiting) return waiting;
    this.events.push(event);
    this.droppedCount += this.trim();
    this.save();
    return event;
  }

  /**
   * Drops events down to the limit (those kept until stored aside), the oldest plain ones first;
   * answers how many it dropped.
   */
  private trim(): number {
    const droppable = this.events.filter((event) => !keptUntilStored(event));
    const over = droppable.length - this.limit;
    if (over <= 0) return 0;
    const gone = new Set(droppable.filter((event) => !needsStaff(event)).slice(0, over));
    // nothing but alerts left to drop: the oldest of them (counted, as any drop)
    for (const event of droppable) if (gone.size < over && !gone.has(event)) gone.add(event);
    this.events = this.events.filter((event) => !gone.has(event));
    return gone.size;
  }

  peek(): QueuedEvent | undefined {
    return this.events[0];
  }

  /** The events waiting, oldest first. */
  pending(): readonly QueuedEvent[] {
    return this.events;
  }

  /** Removes an event once a monitor stored it; undefined when it is not here (acked before, or dropped). */
  acknowledge(id: string): QueuedEvent | undefined {
    const index = this.events.findIndex((event) => event.id === id);
    if (index < 0) return undefined;
    const [event] = this.events.splice(index, 1);
    if (++this.unsaved >= 50 || this.events.length === 0) this.save();
    return event;
  }

  get length(): number {
    return this.events.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Called once `count` drops were reported to the monitor (more may have happened meanwhile). */
  settleDropped(count: number): void {
    this.droppedCount = Math.max(0, this.droppedCount - count);
    this.save();
  }

  /** Reads the queue file; returns where an unreadable one was moved. */
  private load(file: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = QueueFileSchema.safeParse(safeJson(text));
    if (!parsed.success) return this.setAsideUnreadable(file, text);
    this.seq = parsed.data.nextSeq;
    this.droppedCount = parsed.data.dropped;
    const events = parsed.data.events.flatMap((body): QueuedEvent[] => {
      const known = TelemetryEventSchema.safeParse(body);
      if (known.success) return [known.data];
      const newer = EnvelopeSchema.safeParse(body);
      if (newer.success) return [newer.data];
      this.droppedCount++;
      return [];
    });
    this.events = events;
    for (const event of events) this.earlier.add(event.id);
    this.droppedCount += this.trim();
    return undefined;
  }

  /**
   * Moves an unreadable file aside and takes from its text what still reads: the sequence (so it
   * keeps rising; the time in ms when even that is gone) and how many events it held (at least one).
   */
  private setAsideUnreadable(file: string, text: string): string {
    const aside = `${file}.unreadable-${Date.now()}`;
    try {
      renameSync(file, aside);
    } catch (cause) {
      throw new KioskError(
        ErrorCode.TELEMETRY_QUEUE_FILE_UNREADABLE,
        'the telemetry queue file does not read and cannot be moved aside',
        { file },
        { cause },
      );
    }
    const seq = /"nextSeq"\s*:\s*(\d+)/.exec(text)?.[1];
    this.seq = seq === undefined ? Date.now() : Number(seq) + 1;
    this.droppedCount = Math.max(1, text.match(/"id"\s*:/g)?.length ?? 0);
    return aside;
  }

  private save(): void {
    this.unsaved = 0;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(
      temp,
      JSON.stringify({ nextSeq: this.seq, dropped: this.droppedCount, events: this.events }),
    );
    renameSync(temp, this.file);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

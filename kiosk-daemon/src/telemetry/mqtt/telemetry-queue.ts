/**
 * The kiosk's bounded queue of telemetry events waiting for a monitor to say it stored them (the
 * ack on `kiosk/<id>/events/ack`, not the broker's PUBACK: ADR 0011). Over its bounds it drops
 * events and counts the drops (the publisher reports the count as an `eventsDropped` event): the
 * oldest plain event past its limit; an alert that needs staff (`STAFF_ALERT_EVENTS`: the monitor
 * raises it from that event alone) only when nothing but such alerts is left, so a long broker
 * outage costs the fleet journey outcomes and retracts, not the alerts staff must act on. The
 * alerts the kiosk derives from its journal again until a monitor stored them (`keptUntilStored`:
 * a card, money or a supply act left for staff, a host act given up, a self test failed) are outside
 * that limit, under a bound of their own (`staffAlertLimit`, ADR 0004): past it the oldest self test
 * alert goes first, then the oldest other (`queue-drop-order.ts`).
 *
 * An event whose id is queued already (an alert told again from the journal at a restart) is not
 * queued twice, nor is a self test's recovery alert like one waiting that has not gone to a broker
 * in this run (the self test failed again, in this run or at a restart, on what recovery left): the
 * one waiting stands for it, so the monitor stores it once (it keeps one alert per code, and no
 * status placing the kiosk can have reached it after an alert not sent). Once sent, the waiting one
 * may be stored and its alert resolved by a status since: a like one is queued beside it. What went
 * is kept in the file, marked before it goes (an earlier run's alert sent, stored and resolved, its
 * ack not heard before the restart, stands for nothing); a file that does not say (a release before
 * it) counts every event it holds as sent.
 *
 * With a file it survives a daemon restart: the whole queue is rewritten atomically on every
 * enqueue and after acknowledged batches (`telemetry-queue-file.ts`, which also reads a file of
 * another release or an unreadable one); events are rare next to heartbeats and both bounds hold
 * the file's size, so the cost is small, and a replay after a crash is harmless because the monitor
 * stores each event id once.
 */
import { STAFF_ALERT_LIMIT_DEFAULT } from '@kiosk/config';
import type { TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import { pastBounds, selfTestAlertOf } from './queue-drop-order.js';
import { readQueueFile, writeQueueFile, type QueuedEvent } from './telemetry-queue-file.js';

export { STAFF_ALERT_EVENTS, keptUntilStored } from './queue-drop-order.js';
export type { NewerReleaseEvent, QueuedEvent } from './telemetry-queue-file.js';

export class TelemetryQueue {
  private events: QueuedEvent[] = [];
  private droppedCount = 0;
  private seq = 0;
  private unsaved = 0;
  /** the ids of the events waiting that went to a broker, in this run or an earlier one (they may be stored) */
  private readonly sent = new Set<string>();
  /** the unreadable queue file found at start, moved aside under this name */
  readonly setAside: string | undefined;

  constructor(
    readonly limit: number,
    private readonly file?: string,
    readonly staffAlertLimit: number = STAFF_ALERT_LIMIT_DEFAULT,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('queue limit must be a positive integer');
    if (!Number.isInteger(staffAlertLimit) || staffAlertLimit < 1)
      throw new RangeError('staff alert limit must be a positive integer');
    this.setAside = file ? this.load(file) : undefined;
  }

  /** The sequence number for the next event (rises across restarts when there is a file). */
  nextSeq(): number {
    return this.seq++;
  }

  /**
   * Queues `event`; over a bound, the oldest of its kind goes. Answers the event queued: `event`,
   * or the one waiting that stands for it: its id queued already, or a self test's recovery alert
   * like it (same code and cause) that has not gone to a broker in this run.
   */
  push(event: TelemetryEvent): QueuedEvent {
    const alert = selfTestAlertOf(event);
    const waiting = this.events.find(
      (queued) =>
        queued.id === event.id ||
        (alert !== undefined && !this.sent.has(queued.id) && selfTestAlertOf(queued) === alert),
    );
    if (waiting) return waiting;
    this.events.push(event);
    this.droppedCount += this.trim();
    this.save();
    return event;
  }

  /** Called as an event goes to a broker: from then on it may be stored, so nothing stands on it. */
  sending(id: string): void {
    const event = this.events.find((queued) => queued.id === id);
    if (!event || this.sent.has(id)) return;
    this.sent.add(id);
    // a like alert stands on it only while it is known unsent, across a restart too: marked before it goes
    if (selfTestAlertOf(event) === undefined) return;
    try {
      this.save();
    } catch {
      // the file cannot be written: the mark stands for this run and the next write carries it
      // (thrown here, it would reject the delivery's drain, unhandled, and stop the daemon)
    }
  }

  /** Drops the events past the bounds (`pastBounds`); answers how many it dropped. */
  private trim(): number {
    const gone = pastBounds(this.events, this.limit, this.staffAlertLimit);
    if (gone.size === 0) return 0;
    this.events = this.events.filter((event) => !gone.has(event));
    for (const event of gone) this.sent.delete(event.id);
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
    this.sent.delete(id);
    if (++this.unsaved >= 50 || this.events.length === 0) this.save();
    return event;
  }

  /** Removes an event a monitor refused for good, counted as dropped; undefined when it is not here. */
  refuse(id: string): QueuedEvent | undefined {
    const event = this.events.find((queued) => queued.id === id);
    if (!event) return undefined;
    this.events = this.events.filter((queued) => queued !== event);
    this.sent.delete(id);
    this.droppedCount++;
    this.save();
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

  /** Reads the queue file, within today's bounds; returns where an unreadable one was moved. */
  private load(file: string): string | undefined {
    const read = readQueueFile(file);
    if (!read) return undefined;
    this.seq = read.nextSeq;
    this.droppedCount = read.dropped;
    this.events = [...read.events];
    const sent = read.sent && new Set(read.sent);
    for (const event of this.events) if (sent?.has(event.id) ?? true) this.sent.add(event.id);
    this.droppedCount += this.trim();
    return read.setAside;
  }

  private save(): void {
    this.unsaved = 0;
    if (!this.file) return;
    writeQueueFile(this.file, {
      nextSeq: this.seq,
      dropped: this.droppedCount,
      events: this.events,
      sent: this.events.filter((event) => this.sent.has(event.id)).map((event) => event.id),
    });
  }
}

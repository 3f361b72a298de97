/**
 * How `FleetPublisher` gets its queued events to a monitor (ADR 0011): each is sent once per
 * connection (QoS 1, one PUBACK at a time) and stays in the queue until a monitor's ack on
 * `kiosk/<id>/events/ack` names it; the broker's PUBACK only says the broker has it, and a broker
 * with no monitor subscribed yet (Mosquitto 2.0 after a restart) drops what it took. Unacknowledged
 * events go again after a reconnect and when no ack came within `ackTimeoutMs`; a repeat is
 * harmless, the monitor stores an event id once. The report of dropped events travels the same
 * way, outside the queue (so it cannot push an event out), its count settled on its ack. An event a
 * monitor refuses for good (`refusedEvents`, ADR 0018) leaves the queue too, never sent again, and
 * is counted as dropped: the fleet hears of the loss as of any drop.
 */
import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { readAck, telemetryTopic, type TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import type { QueuedEvent, TelemetryQueue } from './telemetry-queue.js';

export interface EventDeliveryOptions {
  readonly kioskId: string;
  readonly queue: TelemetryQueue;
  /** the connected client, if any */
  readonly client: () => MqttClient | undefined;
  readonly now: () => Date;
  readonly ackTimeoutMs: number;
  /** the broker has it (PUBACK) */
  readonly onSent: (event: QueuedEvent) => void;
  /** a monitor stored it: it left the queue */
  readonly onStored: (event: QueuedEvent) => void;
  /** a monitor refused it for good, for the reason `code`: it left the queue, counted as dropped */
  readonly onRefused: (event: QueuedEvent, code: string) => void;
}

/** a refusal without its code (a monitor's bug): refused all the same */
const REFUSED_WITHOUT_CODE = 'FLEET_EVENT_REFUSED';

export class EventDelivery {
  private draining = false;
  /** ids sent since the last connect or ack timeout: each waits for a monitor's ack */
  private readonly sent = new Set<string>();
  private dropReport?: TelemetryEvent & { type: 'eventsDropped' };
  private lastProgressAt = 0;

  constructor(private readonly options: EventDeliveryOptions) {}

  /** nothing waits for a monitor: the queue is empty and no drop report is in flight */
  get idle(): boolean {
    return this.options.queue.length === 0 && this.dropReport === undefined;
  }

  /** A new connection: whatever was sent before may never have reached a monitor, so all goes again. */
  reconnected(): void {
    this.sent.clear();
    void this.drain();
  }

  /** Sends each queued event not yet sent on this connection; stops when the link drops. */
  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const { queue } = this.options;
    try {
      for (let client = this.options.client(); client?.connected; client = this.options.client()) {
        if (queue.dropped > 0 && !this.dropReport)
          this.dropReport = {
            id: randomUUID(),
            kioskId: this.options.kioskId,
            seq: queue.nextSeq(),
            at: this.options.now().toISOString(),
            type: 'eventsDropped',
            count: queue.dropped,
          };
        const report = this.dropReport && !this.sent.has(this.dropReport.id) ? this.dropReport : undefined;
        const event = report ?? queue.pending().find((queued) => !this.sent.has(queued.id));
        if (!event) break;
        this.sent.add(event.id);
        // from here it may reach a monitor: a like alert no longer waits on it (`TelemetryQueue.push`)
        queue.sending(event.id);
        this.lastProgressAt = Date.now();
        try {
          await client.publishAsync(telemetryTopic(event.kioskId, 'events'), JSON.stringify(event), {
            qos: 1,
          });
        } catch {
          this.sent.delete(event.id);
          break; // the link dropped: sent again after reconnect
        }
        this.options.onSent(event);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Called now and then: sent events no ack came for within `ackTimeoutMs` go again. */
  resendUnacked(): void {
    if (this.sent.size === 0 || Date.now() - this.lastProgressAt < this.options.ackTimeoutMs) return;
    this.sent.clear();
    this.lastProgressAt = Date.now();
    void this.drain();
  }

  /** A message on the acks topic: the events it names leave the queue. False if it is not an ack for this kiosk. */
  receiveAck(payload: Buffer): boolean {
    const ack = readAck(payload, this.options.kioskId);
    if (ack?.of !== 'events' && ack?.of !== 'refusedEvents') return false;
    const refusal = ack.of === 'refusedEvents' ? (ack.code ?? REFUSED_WITHOUT_CODE) : undefined;
    this.lastProgressAt = Date.now();
    for (const id of ack.ids) {
      this.sent.delete(id);
      const report = this.dropReport;
      if (report?.id === id) {
        // refused, it would be refused again: its count is settled all the same, never a loop
        this.dropReport = undefined;
        this.options.queue.settleDropped(report.count);
        if (refusal === undefined) this.options.onStored(report);
        else this.options.onRefused(report, refusal);
        continue;
      }
      if (refusal === undefined) {
        const event = this.options.queue.acknowledge(id);
        if (event) this.options.onStored(event);
        continue;
      }
      const event = this.options.queue.refuse(id);
      if (event) this.options.onRefused(event, refusal);
    }
    void this.drain();
    return true;
  }
}

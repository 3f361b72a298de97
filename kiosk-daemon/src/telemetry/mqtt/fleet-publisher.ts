/**
 * The kiosk's side of fleet telemetry (plain TypeScript; `telemetry/fleet/` provides it to Nest
 * when the configuration has a `fleet` section). Connects with the kiosk's own credentials and a
 * retained last will that marks it offline (`connectKiosk`: mqtt loaded on the first start, a
 * persistent session so commands sent while it was away still arrive), republishes its retained
 * status on every (re)connect, sends heartbeats while connected, and delivers events through a
 * bounded queue that survives broker outages (and restarts, with a queue file): an event leaves the
 * queue when a monitor says it stored it, not at the broker's PUBACK (`EventDelivery`, ADR 0011).
 * Commands arrive on its own command topic; each goes to the daemon's handler once (a command the
 * kiosk's record holds is answered as recorded: `CommandReceiver`) and is acknowledged on `kiosk/<id>/commands/ack`; that ack and a journal extract are kept until a
 * monitor says it stored them, as events are (`ReplyDelivery`).
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { DEFAULT_KIOSK_TIME_ZONE, kioskDayOf } from '@kiosk/domain';
import {
  StatusRunCounter,
  telemetryTopic,
  type CommandAck,
  type Heartbeat,
  type JournalExtract,
  type OnlineStatus,
  type TelemetryEvent,
} from '@kiosk/fleet-monitor/contract';
import { TelemetryQueue, type QueuedEvent } from './telemetry-queue.js';
import { CommandReceiver } from './command-receiver.js';
import { EventDelivery } from './event-delivery.js';
import { ReplyDelivery } from './reply-delivery.js';
import { connectKiosk } from './kiosk-connect.js';
import { disconnectCleanly } from './clean-disconnect.js';
import { ConnectionCount } from './connection-count.js';
import type {
  FleetPublisherEvents,
  FleetPublisherOptions,
  KioskEventInput,
  KioskStatusInput,
} from './fleet-publisher.options.js';

export type { CommandHandler, CommandOutcome, CommandRecord } from './command-receiver.js';
export type {
  FleetPublisherEvents,
  FleetPublisherOptions,
  KioskEventInput,
  KioskStatusInput,
} from './fleet-publisher.options.js';

export class FleetPublisher extends EventEmitter<FleetPublisherEvents> {
  private client?: MqttClient;
  private readonly queue: TelemetryQueue;
  private readonly heartbeatIntervalS: number;
  private readonly now: () => Date;
  private status?: OnlineStatus;
  private heartbeatTimer?: NodeJS.Timeout;
  private heartbeatSeq = 0;
  private readonly delivery: EventDelivery;
  private readonly replies: ReplyDelivery;
  private ackTimer?: NodeJS.Timeout;
  private readonly ackTimeoutMs: number;
  /**
   * set on connect with events waiting, and as an event is queued: the status goes again once a
   * monitor stored them all, so that it is the monitors' last word whatever order the events were
   * stored in (several monitors: each event goes to one, a lost delivery comes again later)
   */
  private statusAfterBacklog = false;
  private readonly startedAt: number;
  private readonly commands: CommandReceiver;
  /** numbers the statuses of this start: the monitor orders them by it, not by this kiosk's clock */
  private readonly statusRun = new StatusRunCounter();
  /** numbers its connections (kept in a file): each status and will says which one it was sent on */
  private readonly connections: ConnectionCount;

  constructor(private readonly options: FleetPublisherOptions) {
    super();
    this.heartbeatIntervalS = options.heartbeatIntervalS ?? 10;
    this.now = options.now ?? (() => new Date());
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.queue = new TelemetryQueue(options.queueLimit ?? 1000, options.queueFile, options.staffAlertLimit);
    this.delivery = new EventDelivery({
      kioskId: options.kioskId,
      queue: this.queue,
      client: () => this.client,
      now: this.now,
      ackTimeoutMs: this.ackTimeoutMs,
      onSent: (event) => this.emit('sent', event),
      onStored: (event) => this.emit('delivered', event),
      onRefused: (event, code) => this.emit('refused', event, code),
    });
    this.replies = new ReplyDelivery({
      kioskId: options.kioskId,
      client: () => this.client,
      ackTimeoutMs: this.ackTimeoutMs,
      ...(options.repliesFile !== undefined && { file: options.repliesFile }),
    });
    this.commands = new CommandReceiver(options.kioskId, options.onCommand, this.now, options.commandRecord);
    this.connections = new ConnectionCount(options.connectionsFile, this.now);
    this.startedAt = Date.now();
  }

  /** Starts connecting and returns at once: the kiosk serves residents whether the fleet is reachable or not. */
  start(): void {
    if (this.client) return;
    const { kioskId } = this.options;
    const client = connectKiosk(this.options, this.heartbeatIntervalS, this.now, this.connections);
    this.client = client;
    client.on('connect', () => {
      this.statusAfterBacklog = this.queue.length > 0 || this.queue.dropped > 0;
      this.heartbeatTimer ??= setInterval(() => this.sendHeartbeat(), this.heartbeatIntervalS * 1000);
      this.ackTimer ??= setInterval(
        () => {
          this.delivery.resendUnacked();
          this.replies.resendUnacked();
        },
        Math.max(100, this.ackTimeoutMs / 4),
      );
      // subscribed before the kiosk says it is back (a broker that lost its session, or restarted,
      // has no subscription for it): the monitor that hears its heartbeat sends the commands it has
      // not answered (ADR 0011), and a command or ack with no subscription would be dropped
      const own = [telemetryTopic(kioskId, 'commands'), telemetryTopic(kioskId, 'events/ack')];
      client.subscribe(own, { qos: 1 }, (error) => {
        if (this.status) this.sendStatus(this.status);
        this.sendHeartbeat();
        this.delivery.reconnected();
        this.replies.reconnected();
        // 'connected' once commands and acks can arrive
        if (error) this.emit('connectionError', error);
        else this.emit('connected');
      });
    });
    client.on('close', () => {
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
      clearInterval(this.ackTimer);
      this.ackTimer = undefined;
      this.emit('disconnected');
    });
    client.on('error', (error) => this.emit('connectionError', error));
    client.on('message', (topic, payload) => {
      if (topic === telemetryTopic(kioskId, 'commands')) void this.receiveCommand(payload);
      else if (topic === telemetryTopic(kioskId, 'events/ack')) this.receiveEventAck(payload);
    });
  }

  /** the kiosk's id, as it connects and as every event carries it */
  get kioskId(): string {
    return this.options.kioskId;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** events waiting for a monitor to store them */
  get queued(): number {
    return this.queue.length;
  }

  /** command acks and journal extracts waiting for a monitor to store them */
  get repliesWaiting(): number {
    return this.replies.waiting;
  }

  /** Replaces the retained status; sent now if connected, else on the next connect. */
  publishStatus(input: KioskStatusInput): void {
    this.status = {
      ...input,
      connection: 'online',
      kioskId: this.options.kioskId,
      ...(this.options.hallId !== undefined && { hallId: this.options.hallId }),
      // the zone its journeys' days are counted in: the fleet's daily window ends on its today
      timeZone: this.options.timeZone ?? DEFAULT_KIOSK_TIME_ZONE,
      version: this.options.version,
      heartbeatIntervalS: this.heartbeatIntervalS,
      run: this.statusRun.next(),
      at: this.now().toISOString(),
    };
    if (this.connected) this.sendStatus(this.status);
  }

  /**
   * Queues an event for delivery (at least once; the monitor drops repeats by id) and returns the
   * event queued: this one, or the one waiting that stands for it (`TelemetryQueue.push`: its id, or
   * a self test's recovery alert like it not yet sent). `id`: the event's own, for one told again
   * from the journal after a restart (not queued twice, stored once by the monitor); a new one when
   * absent.
   */
  publishEvent(input: KioskEventInput, id: string = randomUUID()): QueuedEvent {
    const at = this.now();
    const event = {
      ...input,
      // a journey's day as the hall reads it: the fleet counts journeys per day by it
      ...(input.type === 'journeyOutcome' && { day: kioskDayOf(at, this.options.timeZone) }),
      id,
      kioskId: this.options.kioskId,
      seq: this.queue.nextSeq(),
      at: at.toISOString(),
    } as TelemetryEvent;
    const queued = this.queue.push(event);
    this.statusAfterBacklog = true;
    void this.delivery.drain();
    return queued;
  }

  /**
   * Sends a journal extract (QoS 1) ahead of its command's ack, kept until a monitor stored it:
   * made while the broker is away (the link dropped while the journal was read), it goes once the
   * kiosk is back, as the ack does (`ReplyDelivery`).
   */
  async publishJournalExtract(extract: Omit<JournalExtract, 'kioskId' | 'at'>): Promise<void> {
    const message: JournalExtract = {
      ...extract,
      kioskId: this.options.kioskId,
      at: this.now().toISOString(),
    };
    this.replies.add({ of: 'journalExtracts', body: message });
  }

  /** The unreadable event queue file found at start, moved aside under this name. */
  get queueSetAside(): string | undefined {
    return this.queue.setAside;
  }

  /** Publishes the retained offline status (cause shutdown) and disconnects cleanly; the queue stays in its file. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.ackTimer);
    this.ackTimer = undefined;
    // neither the offline status nor the end waits on a broker that stopped answering
    await disconnectCleanly(client, this.options.kioskId, this.now, this.connections.current);
  }

  /** on the connection it goes on: a status sent again at a reconnect carries the new one */
  private sendStatus(status: OnlineStatus): void {
    const sent: OnlineStatus = { ...status, connectionSeq: this.connections.current };
    this.client?.publish(telemetryTopic(status.kioskId, 'status'), JSON.stringify(sent), {
      qos: 1,
      retain: true,
    });
  }

  private sendHeartbeat(): void {
    const client = this.client;
    if (!client?.connected) return;
    const heartbeat: Heartbeat = {
      kioskId: this.options.kioskId,
      seq: this.heartbeatSeq++,
      at: this.now().toISOString(),
      uptimeS: Math.floor((Date.now() - this.startedAt) / 1000),
      queued: this.queue.length,
      connectionSeq: this.connections.current,
    };
    client.publish(telemetryTopic(heartbeat.kioskId, 'heartbeat'), JSON.stringify(heartbeat), { qos: 0 });
  }

  /**
   * A monitor stored events. Once a backlog is all stored the status goes again: replayed events
   * (a fault from before an outage or a restart), or an event stored after the statuses sent after
   * it (another monitor took those first), must not be the monitors' last word on the kiosk.
   */
  private receiveEventAck(payload: Buffer): void {
    if (this.replies.receiveAck(payload) || !this.delivery.receiveAck(payload)) return;
    if (this.statusAfterBacklog && this.delivery.idle && this.connected) {
      this.statusAfterBacklog = false;
      if (this.status) this.sendStatus(this.status);
    }
  }

  private async receiveCommand(payload: Buffer): Promise<void> {
    const received = await this.commands.receive(payload);
    if (received.ack) this.sendAck(received.ack);
    if (received.kind === 'refused')
      this.emit('commandRefused', {
        code: received.code,
        ...(received.commandId !== undefined && { commandId: received.commandId }),
      });
    else if (received.firstTime) this.emit('commandHandled', received.command, received.ack);
  }

  /** kept until a monitor stored it: a redelivered command's ack replaces the one kept */
  private sendAck(ack: CommandAck): void {
    this.replies.add({ of: 'commandAcks', body: ack });
  }
}

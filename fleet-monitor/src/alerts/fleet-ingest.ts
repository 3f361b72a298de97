/**
 * Turns telemetry into the store and alerts. Broker-agnostic: it takes `(topic, payload)` from
 * whichever broker delivers. It reads kiosks of any release (`telemetry-reading.ts`, ADR 0018): a
 * field or value of a newer kiosk is kept out or kept as sent, counted, and told once. A payload
 * outside the contract otherwise is counted and dropped, never thrown.
 * Liveness: the retained offline status (the kiosk's last will) raises the offline alert at once;
 * `sweepSilentKiosks` raises it too for a kiosk silent for 3 heartbeat intervals (a will that
 * never came, e.g. a broker restart).
 */
import { EventEmitter } from 'node:events';
import { OneAtATime } from '@kiosk/domain';
import { EVENT_REFUSALS } from '../contract/event-ack.contract.js';
import { MessageId } from '../contract/contract-fields.js';
import { parseTelemetryTopic, type OfflineStatus } from '../contract/telemetry.contract.js';
import {
  readCommandAck,
  readEvent,
  readHeartbeat,
  readJournalExtract,
  readStatus,
  type Reading,
} from '../contract/telemetry-reading.js';
import type { AlertKind, FleetStore, OfflineAlertCode } from '../store/fleet-store.js';
import type { FleetIngestEvents, IngestCounters } from './fleet-ingest-events.js';
import { alertChangeOfEvent, alertsForStatus, goneByStatus } from './alert-rules.js';
import { UnknownPartsTold } from './unknown-parts-told.js';

export const MISSED_HEARTBEATS_FOR_OFFLINE = 3;

/** The offline alert's code for each cause a kiosk's offline status gives. */
const OFFLINE_CODES: Record<OfflineStatus['cause'], OfflineAlertCode> = {
  lastWill: 'LAST_WILL',
  shutdown: 'SHUTDOWN',
};

export type { FleetIngestEvents, IngestCounters } from './fleet-ingest-events.js';

export class FleetIngest extends EventEmitter<FleetIngestEvents> {
  readonly counters: IngestCounters = {
    status: 0,
    events: 0,
    duplicateEvents: 0,
    heartbeats: 0,
    acks: 0,
    journalExtracts: 0,
    rejected: 0,
    withUnknown: 0,
    failed: 0,
  };

  /** the unknown fields and values told so far, by channel */
  private readonly unknownTold = new UnknownPartsTold();

  /**
   * The messages taken in, one at a time per line of order: the next one of a line waits for the
   * one before it, so the messages of a line are stored in arrival order. One line for everything by default (the
   * SQLite store's transactions must not interleave); one line per kiosk with `linePerKiosk`
   * (PostgreSQL: kiosks are stored side by side on the pool, each kiosk's messages in order).
   */
  private readonly lines = new OneAtATime<string>();

  /**
   * When this ingest began to hear the fleet: a kiosk last seen before it is silent only from then on.
   * A monitor down (an upgrade, a crash) heard nothing, and the kiosks it had seen reconnect to its
   * broker over their back-off (up to a minute): counted from their last message, every one was called
   * offline (HEARTBEAT_MISSED) at the first sweep after any stop longer than three heartbeats, a
   * thousand alerts raised and cleared again within a minute.
   */
  private readonly heardSince: string;

  constructor(
    private readonly store: FleetStore,
    private readonly now: () => Date = () => new Date(),
    private readonly options: { readonly linePerKiosk?: boolean } = {},
  ) {
    super();
    this.heardSince = now().toISOString();
  }

  /**
   * Handles one MQTT message after the ones before it (of its kiosk, with `linePerKiosk`); resolves
   * once it is stored, never rejects (a store failure is counted as `failed` and reported).
   */
  accept(topic: string, payload: Buffer): Promise<void> {
    const line = this.options.linePerKiosk ? (parseTelemetryTopic(topic)?.kioskId ?? '') : '';
    return this.lines.run(line, async () => {
      try {
        await this.acceptMessage(topic, payload);
      } catch (error) {
        this.counters.failed++;
        this.emit('rejected', { topic, reason: `not stored: ${(error as Error).message}` });
      }
      this.emit('handled', topic);
    });
  }

  /** Resolves once every message accepted so far is handled. */
  async settled(): Promise<void> {
    while (this.lines.size > 0) await this.lines.settled();
  }

  private async acceptMessage(topic: string, payload: Buffer): Promise<void> {
    const parsedTopic = parseTelemetryTopic(topic);
    if (!parsedTopic) return this.reject(topic, 'topic outside the contract');
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.reject(topic, 'payload is not JSON');
    }
    if (typeof body !== 'object' || body === null)
      return this.reject(topic, 'payload kioskId differs from the topic');
    if ((body as { kioskId?: unknown }).kioskId !== parsedTopic.kioskId) {
      if (parsedTopic.channel === 'events')
        this.refuseEvent(parsedTopic.kioskId, body, EVENT_REFUSALS.otherKiosk);
      return this.reject(topic, 'payload kioskId differs from the topic');
    }
    const now = this.now().toISOString();
    switch (parsedTopic.channel) {
      case 'status':
        return this.acceptStatus(topic, body, now);
      case 'events':
        return this.acceptEvent(topic, body, now);
      case 'heartbeat': {
        const heartbeat = this.read(topic, readHeartbeat(body));
        if (!heartbeat.success) return this.reject(topic, heartbeat.error);
        this.counters.heartbeats++;
        const { kioskId, seq, connectionSeq } = heartbeat.data;
        // one of a connection gone (its will stored first) is late: it does not call the kiosk back
        if (await this.store.saveHeartbeat(kioskId, seq, now, connectionSeq))
          await this.clear(this.store, kioskId, 'offline', now);
        return;
      }
      case 'commands/ack': {
        const ack = this.read(topic, readCommandAck(body));
        if (!ack.success) return this.reject(topic, ack.error);
        this.counters.acks++;
        await this.store.saveAck(ack.data);
        // acked when stored, or refused by the store for good (unknown command, answered before)
        this.emit('replyStored', {
          kioskId: ack.data.kioskId,
          of: 'commandAcks',
          commandId: ack.data.commandId,
        });
        return;
      }
      case 'journal-extract': {
        const extract = this.read(topic, readJournalExtract(body));
        if (!extract.success) return this.reject(topic, extract.error);
        this.counters.journalExtracts++;
        await this.store.saveJournalExtract(extract.data, now);
        this.emit('replyStored', {
          kioskId: extract.data.kioskId,
          of: 'journalExtracts',
          commandId: extract.data.commandId,
        });
        return;
      }
      default:
        return this.reject(topic, 'kiosks do not publish commands');
    }
  }

  private async acceptStatus(topic: string, body: unknown, now: string): Promise<void> {
    const status = this.read(topic, readStatus(body));
    if (!status.success) return this.reject(topic, status.error);
    this.counters.status++;
    const message = status.data;
    if (message.connection === 'offline') {
      // a cause of a newer kiosk: it is gone all the same
      const code = OFFLINE_CODES[message.cause as OfflineStatus['cause']] ?? 'LAST_WILL';
      return this.goOffline(message.kioskId, code, now, message.connectionSeq);
    }
    const changes: (() => void)[] = [];
    await this.store.transaction(async (store) => {
      changes.length = 0; // a transaction tried again starts over
      // a status older than the stored one (a late redelivery, or another monitor was quicker)
      if (!(await store.saveStatus(message, now))) return;
      await this.clear(store, message.kioskId, 'offline', now, changes);
      const wanted = alertsForStatus(message);
      const wantedKeys = new Set(wanted.map((alert) => alert.key));
      // the kiosk's own alerts only: a read of the fleet's per status grew with the square of the fleet
      for (const alert of await store.activeAlertsOf(message.kioskId))
        if (goneByStatus(message, alert.key, wantedKeys))
          await this.clear(store, message.kioskId, alert.key, now, changes);
      for (const alert of wanted)
        await this.raise(store, message.kioskId, alert.kind, alert.key, alert.code, now, changes);
    });
    // told only once committed
    for (const tell of changes) tell();
  }

  private async acceptEvent(topic: string, body: unknown, now: string): Promise<void> {
    const parsed = this.read(topic, readEvent(body));
    if (!parsed.success) {
      this.refuseEvent(parseTelemetryTopic(topic)!.kioskId, body, EVENT_REFUSALS.malformed);
      return this.reject(topic, parsed.error);
    }
    const event = parsed.data;
    if (!(await this.store.saveEvent(event, now))) {
      this.counters.duplicateEvents++;
      this.emit('eventStored', { kioskId: event.kioskId, id: event.id });
      return;
    }
    this.counters.events++;
    const change = alertChangeOfEvent(event);
    if (change && 'raise' in change) {
      const { kind, key, code } = change.raise;
      await this.raise(this.store, event.kioskId, kind, key, code, now);
    } else if (change) await this.clear(this.store, event.kioskId, change.clear, now);
    this.emit('event', event);
    this.emit('eventStored', { kioskId: event.kioskId, id: event.id });
  }

  /**
   * Marks kiosks offline that have been silent for MISSED_HEARTBEATS_FOR_OFFLINE intervals (the
   * store picks them, so a sweep every second reads no more than the silent ones).
   */
  async sweepSilentKiosks(): Promise<string[]> {
    const now = this.now().toISOString();
    const silent = await this.store.silentKiosks(now, MISSED_HEARTBEATS_FOR_OFFLINE, this.heardSince);
    for (const kioskId of silent) await this.goOffline(kioskId, 'HEARTBEAT_MISSED', now);
    return silent;
  }

  /**
   * Marks the kiosk offline with its alert, in one transaction (a status another monitor stores
   * meanwhile comes before or after both); nothing when the offline status ends a connection
   * (`ofConnection`) before the stored status's (ADR 0011: a will stored after the next one's status).
   */
  private async goOffline(kioskId: string, code: OfflineAlertCode, now: string, ofConnection?: number) {
    const changes: (() => void)[] = [];
    await this.store.transaction(async (store) => {
      changes.length = 0; // a transaction tried again starts over
      if (await store.markOffline(kioskId, now, ofConnection))
        await this.raise(store, kioskId, 'offline', 'offline', code, now, changes);
    });
    for (const tell of changes) tell();
  }

  /** Raises the alert; its listeners are told at once, or through `later` inside a transaction. */
  private async raise(
    store: FleetStore,
    kioskId: string,
    kind: AlertKind,
    key: string,
    code: string | null,
    now: string,
    later?: (() => void)[],
  ): Promise<void> {
    if (!(await store.raiseAlert(kioskId, kind, key, code, now))) return;
    const tell = (): void => void this.emit('alertRaised', { kioskId, kind, key, code });
    if (later) later.push(tell);
    else tell();
  }

  private async clear(
    store: FleetStore,
    kioskId: string,
    key: string,
    now: string,
    later?: (() => void)[],
  ): Promise<void> {
    if (!(await store.clearAlert(kioskId, key, now))) return;
    const tell = (): void => {
      this.emit('alertCleared', { kioskId, key });
      if (key === 'offline') this.emit('kioskBack', kioskId);
    };
    if (later) later.push(tell);
    else tell();
  }

  /** Counts a message with unknown parts and tells each part once per channel. */
  private read<T>(topic: string, reading: Reading<T>): Reading<T> {
    if (!reading.success || reading.unknown.length === 0) return reading;
    this.counters.withUnknown++;
    const { channel, kioskId } = parseTelemetryTopic(topic)!;
    for (const part of this.unknownTold.firstTimes(channel, reading.unknown))
      this.emit('unknown', { topic, kioskId, part });
    return reading;
  }

  /**
   * An event refused for good, told by its id (when it has an id's form) so the monitor tells the
   * kiosk to drop it (ADR 0018): sent again, it would be refused again, filling the kiosk's queue.
   * Not for a store failure (`failed`): that one may be stored when it comes again.
   */
  private refuseEvent(kioskId: string, body: unknown, code: string): void {
    const id = MessageId.safeParse((body as { id?: unknown }).id);
    if (id.success) this.emit('eventRefused', { kioskId, id: id.data, code });
  }

  private reject(topic: string, reason: string): void {
    this.counters.rejected++;
    this.emit('rejected', { topic, reason });
  }
}

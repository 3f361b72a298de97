/** The options, inputs and events of `FleetPublisher`. */
import type { Command, CommandAck, OnlineStatus, TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import type { CommandHandler, CommandRecord } from './command-receiver.js';
import type { QueuedEvent } from './telemetry-queue.js';

export type { CommandHandler, CommandOutcome } from './command-receiver.js';

/** The status the daemon supplies; the publisher adds connection, kiosk id, zone, heartbeat interval, run and time. */
export type KioskStatusInput = Omit<
  OnlineStatus,
  'connection' | 'kioskId' | 'heartbeatIntervalS' | 'at' | 'version' | 'run' | 'connectionSeq' | 'timeZone'
>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the daemon raises it; the publisher adds id, kiosk id, seq and time (and a journey's day). */
export type KioskEventInput = DistributiveOmit<
  Exclude<TelemetryEvent, { type: 'eventsDropped' }>,
  'id' | 'kioskId' | 'seq' | 'at' | 'day'
>;

export interface FleetPublisherOptions {
  /** e.g. `mqtt://fleet.example:1883` */
  readonly url: string;
  /** config `kiosk.id`, e.g. JZ-0001 */
  readonly kioskId: string;
  /** config `kiosk.hallId`, sent in every status */
  readonly hallId?: string;
  /** config `kiosk.timeZone`: the day a journey ended on, as the fleet counts it (default the domain's); in every status */
  readonly timeZone?: string;
  readonly password: string;
  /** the daemon's version, sent in every status */
  readonly version: string;
  readonly onCommand: CommandHandler;
  /** default 10 s; also the MQTT keep-alive, so the broker fires the will within 1.5 intervals */
  readonly heartbeatIntervalS?: number;
  /** events kept while the broker is unreachable; default 1000, the oldest dropped first */
  readonly queueLimit?: number;
  /**
   * staff alerts kept until a monitor stored them, beside `queueLimit` (config `fleet.staffAlertLimit`,
   * default 500): past it the oldest self test alert goes first, then the oldest other, counted
   */
  readonly staffAlertLimit?: number;
  /** where the queue is kept across daemon restarts; in memory only when absent */
  readonly queueFile?: string;
  /**
   * the kiosk's durable record of the commands it ran (the journal): a command delivered again that
   * it holds is answered as recorded, never run twice; this run's memory only when absent
   */
  readonly commandRecord?: CommandRecord;
  /** where command acks and journal extracts no monitor acknowledged yet are kept across restarts */
  readonly repliesFile?: string;
  /** where the count of the kiosk's connections is kept, so it rises across restarts (`ConnectionCount`) */
  readonly connectionsFile?: string;
  /** the first wait before connecting again to a broker gone (default 1000 ms) */
  readonly reconnectPeriodMs?: number;
  /** the bound of those waits, doubling while the broker stays away (default the domain's 60 s) */
  readonly maxReconnectPeriodMs?: number;
  /** sent events, command acks and extracts no monitor acknowledged for this long go again; default 10,000 ms */
  readonly ackTimeoutMs?: number;
  readonly now?: () => Date;
}

export interface FleetPublisherEvents {
  connected: [];
  disconnected: [];
  /** the broker refused the connection (bad credentials) or another client error; not 'error', so an
   * unheard one cannot crash the daemon */
  connectionError: [Error];
  /** the broker has an event (PUBACK): it stays queued until a monitor's ack */
  sent: [QueuedEvent];
  /** a monitor stored an event (its ack on `kiosk/<id>/events/ack`): it left the queue */
  delivered: [QueuedEvent];
  /** a monitor refused an event for good, for the reason `code` (ADR 0018): it left the queue, counted as dropped */
  refused: [QueuedEvent, string];
  commandHandled: [Command, CommandAck];
  /** a message on the command topic that is not a command for this kiosk */
  commandRefused: [{ code: string; commandId?: string }];
}

/** What the fleet ingest counts and tells (`fleet-ingest.ts`). */
import type { ReceivedEvent } from '../contract/telemetry-reading.js';
import type { AlertKind } from '../store/fleet-store.js';

export interface IngestCounters {
  status: number;
  events: number;
  duplicateEvents: number;
  heartbeats: number;
  acks: number;
  journalExtracts: number;
  rejected: number;
  /** messages kept that held a field or value this monitor does not know (a newer kiosk's) */
  withUnknown: number;
  /** valid messages the store could not take */
  failed: number;
}

export interface FleetIngestEvents {
  alertRaised: [{ kioskId: string; kind: AlertKind; key: string; code: string | null }];
  alertCleared: [{ kioskId: string; key: string }];
  event: [ReceivedEvent];
  /** an event is in the store, new or a repeat (the monitor acks it to the kiosk); not relayed */
  eventStored: [{ kioskId: string; id: string }];
  /**
   * an event refused for good (out of the contract, of another kiosk), by its id: the monitor tells
   * the kiosk to drop it (`refusedEvents`, ADR 0018); not relayed
   */
  eventRefused: [{ kioskId: string; id: string; code: string }];
  /** a command's ack or journal extract is in the store, new or a repeat (acked to the kiosk too) */
  replyStored: [{ kioskId: string; of: 'commandAcks' | 'journalExtracts'; commandId: string }];
  rejected: [{ topic: string; reason: string }];
  /**
   * a field or value this monitor does not know, the first time it is seen on that channel (the
   * message was kept without it, or with the value as sent): told once, for the log
   */
  unknown: [{ topic: string; kioskId: string; part: string }];
  /** after every message, stored or refused (the dashboard pushes what changed) */
  handled: [topic: string];
  /** a kiosk's offline alert was cleared (its status or heartbeat): it is back; not relayed */
  kioskBack: [kioskId: string];
}

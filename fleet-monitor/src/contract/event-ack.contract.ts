/**
 * The monitor's acknowledgement of stored events, on the kiosk's own `kiosk/<id>/events/ack`
 * (QoS 1, the only topic besides its commands a kiosk may read). A kiosk keeps an event in its
 * queue until an ack names it: the broker's PUBACK only says the broker has it, and a broker
 * with no subscriber yet (Mosquitto 2.0 after a restart, ADR 0011) drops what it acknowledged.
 * An ack is sent for a repeat as well (the store keeps the first), and may name several events.
 */
import { z } from 'zod';
import { KioskIdSchema } from './telemetry.contract.js';

/** at most this many ids in one ack */
export const MAX_EVENT_ACK_IDS = 500;

export const EventAckSchema = z
  .object({
    kioskId: KioskIdSchema,
    ids: z.array(z.uuid()).min(1).max(MAX_EVENT_ACK_IDS),
    at: z.iso.datetime(),
  })
  .strict();
export type EventAck = z.infer<typeof EventAckSchema>;

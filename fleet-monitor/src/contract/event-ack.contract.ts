/**
 * The monitor's acknowledgement of what it stored, on the kiosk's own `kiosk/<id>/events/ack`
 * (QoS 1, the only topic besides its commands a kiosk may read). A kiosk keeps an event, a
 * command's ack and a journal extract until an ack names it: the broker's PUBACK only says the
 * broker has it, and a broker with no subscriber yet (Mosquitto 2.0 after a restart, ADR 0011)
 * drops what it acknowledged. An ack is sent for a repeat as well (the store keeps the first), and
 * may name several. `of` says what the ids are: event ids (absent or `events`), or command ids
 * whose ack (`commandAcks`) or journal extract (`journalExtracts`) is stored.
 */
import { z } from 'zod';
import { KioskIdSchema } from './telemetry.contract.js';

/** at most this many ids in one ack */
export const MAX_EVENT_ACK_IDS = 500;

/** what an ack's ids name; a kiosk older than `commandAcks` and `journalExtracts` ignores those acks */
export const ACK_SUBJECTS = ['events', 'commandAcks', 'journalExtracts'] as const;
export type AckSubject = (typeof ACK_SUBJECTS)[number];

export const EventAckSchema = z
  .object({
    kioskId: KioskIdSchema,
    of: z.enum(ACK_SUBJECTS).optional(),
    ids: z.array(z.uuid()).min(1).max(MAX_EVENT_ACK_IDS),
    at: z.iso.datetime(),
  })
  .strict();
export type EventAck = z.infer<typeof EventAckSchema>;

/** the ack as a kiosk reads it: EventAckSchema's fields, any other left out */
const ReadAckSchema = z.object(EventAckSchema.shape);

/**
 * A message on a kiosk's ack topic as that kiosk reads it: the ack with what its ids name (`of`,
 * `events` when absent), or undefined when it does not read as an ack for this kiosk.
 */
export function readAck(
  payload: Uint8Array,
  kioskId: string,
): (Omit<EventAck, 'of'> & { readonly of: AckSubject }) | undefined {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return undefined;
  }
  // read open (ADR 0018): a field a newer monitor adds is left out, so its acks still free what the
  // kiosk keeps; an `of` the kiosk does not know still fails (its ids must not be taken for events)
  const ack = ReadAckSchema.safeParse(body);
  if (!ack.success || ack.data.kioskId !== kioskId) return undefined;
  return { ...ack.data, of: ack.data.of ?? 'events' };
}

/**
 * The monitor's acknowledgement of what it stored, on the kiosk's own `kiosk/<id>/events/ack`
 * (QoS 1, the only topic besides its commands a kiosk may read). A kiosk keeps an event, a
 * command's ack and a journal extract until an ack names it: the broker's PUBACK only says the
 * broker has it, and a broker with no subscriber yet (Mosquitto 2.0 after a restart, ADR 0011)
 * drops what it acknowledged. An ack is sent for a repeat as well (the store keeps the first), and
 * may name several. `of` says what the ids are: event ids (absent or `events`), or command ids
 * whose ack (`commandAcks`) or journal extract (`journalExtracts`) is stored, or event ids the
 * monitor refuses for good (`refusedEvents`, with the refusal's `code`, ADR 0018): the kiosk drops
 * them from its queue, never resends them. A kiosk older than `refusedEvents` does not read such an
 * ack (its `of` fails) and resends the event as before until its queue drops it.
 */
import { z } from 'zod';
import { Code } from './contract-fields.js';
import { KioskIdSchema } from './telemetry.contract.js';

/** at most this many ids in one ack */
export const MAX_EVENT_ACK_IDS = 500;

/**
 * what an ack's ids name; a kiosk older than `commandAcks`, `journalExtracts` or `refusedEvents`
 * ignores those acks
 */
export const ACK_SUBJECTS = ['events', 'commandAcks', 'journalExtracts', 'refusedEvents'] as const;
export type AckSubject = (typeof ACK_SUBJECTS)[number];

/** Why a monitor refuses an event for good (`refusedEvents`); a code of a newer monitor is read by form. */
export const EVENT_REFUSALS = {
  /** it does not read as an event of the contract, even open (ADR 0018): an id, time or code out of form */
  malformed: 'FLEET_EVENT_MALFORMED',
  /** its `kioskId` is not the kiosk whose topic it came on */
  otherKiosk: 'FLEET_EVENT_OTHER_KIOSK',
} as const;

export const EventAckSchema = z
  .object({
    kioskId: KioskIdSchema,
    of: z.enum(ACK_SUBJECTS).optional(),
    ids: z.array(z.uuid()).min(1).max(MAX_EVENT_ACK_IDS),
    /** why the ids are refused: with `refusedEvents` only */
    code: Code.optional(),
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

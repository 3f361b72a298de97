/**
 * What the monitor answers a kiosk for an event it refuses for good (ADR 0018's addendum "an event
 * the monitor refuses is told so"). A kiosk of this release drops the event on the refusal
 * (`refusedEvents`, coded), counts it dropped and says it in its log. A kiosk of a release before
 * the refusal does not read that ack: it keeps the event and sends it again after every ack timeout
 * and reconnect, and since its good events leave the queue as they are stored, the queue never
 * reaches its limit: the refused event is sent every ten seconds for as long as the kiosk runs.
 *
 * So a refused event that comes again is answered twice, in this order on the kiosk's ack topic:
 * the refusal again (a kiosk that reads it drops the event, and the ack after it names nothing it
 * still holds), then a plain ack of its id (a kiosk before the refusal drops it as taken). Only an
 * event refused for good is answered so: one the store failed to take (a database away) is neither
 * refused nor acked, and comes again; one refused and then read whole (a kiosk upgraded) is stored
 * as any other. The first refusal goes alone: a kiosk that reads it never sends the event again.
 */
import type { EventAck } from '../contract/event-ack.contract.js';

/** the refused events remembered, the oldest forgotten first: a forgotten one costs one refusal more */
export const REFUSED_EVENTS_REMEMBERED = 10_000;

export interface EventRefusalAnswer {
  /** the acks to send, in this order */
  readonly acks: readonly EventAck[];
  /** the kiosk sent it again after its refusal: it does not read refusals (a release before them) */
  readonly again: boolean;
}

export class EventRefusalAnswers {
  /** `kioskId/eventId` of the events refused, in the order first refused */
  private readonly refused = new Set<string>();

  constructor(private readonly remembered = REFUSED_EVENTS_REMEMBERED) {}

  /** The acks answering the refusal of event `id` of `kioskId` for the reason `code`. */
  answer(kioskId: string, id: string, code: string, at: string): EventRefusalAnswer {
    const key = `${kioskId}/${id}`;
    const refusal: EventAck = { kioskId, of: 'refusedEvents', ids: [id], code, at };
    if (!this.refused.has(key)) {
      this.refused.add(key);
      if (this.refused.size > this.remembered) this.refused.delete(this.refused.values().next().value!);
      return { acks: [refusal], again: false };
    }
    return { acks: [refusal, { kioskId, ids: [id], at }], again: true };
  }
}

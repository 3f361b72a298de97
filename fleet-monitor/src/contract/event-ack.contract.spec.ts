import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EVENT_REFUSALS, EventAckSchema, readAck } from './event-ack.contract.js';

const at = '2026-11-27T09:00:00.000Z';
const payload = (body: unknown): Uint8Array => Buffer.from(JSON.stringify(body));

describe('a kiosk reading its acks', () => {
  it("a newer monitor's ack with a field the kiosk does not know still frees the kiosk's events", () => {
    const ids = [randomUUID()];
    expect(readAck(payload({ kioskId: 'k1', ids, at, monitorId: 'fleet-2' }), 'k1')).toEqual({
      kioskId: 'k1',
      of: 'events',
      ids,
      at,
    });
  });

  it('an ack of a subject the kiosk does not know is not taken for one of its events', () => {
    expect(
      readAck(payload({ kioskId: 'k1', of: 'healthReports', ids: [randomUUID()], at }), 'k1'),
    ).toBeUndefined();
  });

  it("another kiosk's ack, or one that does not read, is none", () => {
    expect(readAck(payload({ kioskId: 'k2', ids: [randomUUID()], at }), 'k1')).toBeUndefined();
    expect(readAck(Buffer.from('{'), 'k1')).toBeUndefined();
  });

  it('event-refused-by-monitor-resent-until-dropped: a refusal names the events and its code; a kiosk of the release before reads it as no ack', () => {
    const ids = [randomUUID()];
    const refusal = { kioskId: 'k1', of: 'refusedEvents', ids, code: EVENT_REFUSALS.malformed, at };
    expect(EventAckSchema.safeParse(refusal).success).toBe(true);
    expect(readAck(payload(refusal), 'k1')).toEqual(refusal);
    // the release before: its subjects without refusedEvents, its ack read open (`code` left out)
    const before = z.object({
      ...EventAckSchema.omit({ code: true }).shape,
      of: z.enum(['events', 'commandAcks', 'journalExtracts']).optional(),
    });
    expect(before.safeParse(refusal).success).toBe(false);
    // its ids never taken for stored events: it sends the event again until its queue drops it, as before
    expect(before.safeParse({ ...refusal, of: 'events' }).success).toBe(true);
  });
});

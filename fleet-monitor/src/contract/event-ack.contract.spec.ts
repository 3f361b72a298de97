import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readAck } from './event-ack.contract.js';

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
});

/**
 * The kiosk's side of `refused-event-resent-by-a-kiosk-before-refusals` (fleet-monitor): a refused
 * event the monitor hears again (the kiosk sent it before the refusal came, or a kiosk before the
 * refusals) is answered with the refusal again and then a plain ack of its id. A kiosk of this
 * release drops it on the refusal, counted as dropped, and must not take the ack after it for the
 * event stored: that would mark a journal alert it stood for as told. EventDelivery on a real queue
 * (in memory), the acks as the monitor sends them; no link (nothing is sent).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_REFUSALS } from '@kiosk/fleet-monitor/contract';
import { EventDelivery } from './event-delivery.js';
import { TelemetryQueue } from './telemetry-queue.js';

const at = '2026-11-30T00:00:00.000Z';
const ack = (body: object): Buffer => Buffer.from(JSON.stringify({ kioskId: 'k1', at, ...body }));

describe('refused-event-answered-again-after-its-refusal', () => {
  it('refused-event-answered-again-after-its-refusal: the refusal, then the ack after it: dropped once, as refused, never as stored', () => {
    const queue = new TelemetryQueue(10);
    const event = queue.push({
      id: randomUUID(),
      kioskId: 'k1',
      seq: queue.nextSeq(),
      at,
      type: 'recoveryNeedsStaff',
      code: 'SELF_TEST_FAILED',
    });
    const refused: string[] = [];
    const stored: string[] = [];
    const delivery = new EventDelivery({
      kioskId: 'k1',
      queue,
      client: () => undefined,
      now: () => new Date(at),
      ackTimeoutMs: 10_000,
      onSent: () => undefined,
      onStored: (queued) => stored.push(queued.id),
      onRefused: (queued, code) => refused.push(`${queued.id} ${code}`),
    });
    const refusal = { of: 'refusedEvents', ids: [event.id], code: EVENT_REFUSALS.malformed };
    for (const answer of [refusal, refusal, { ids: [event.id] }])
      expect(delivery.receiveAck(ack(answer))).toBe(true);
    expect(refused).toEqual([`${event.id} ${EVENT_REFUSALS.malformed}`]);
    expect(stored).toEqual([]);
    expect(queue.length).toBe(0);
    expect(queue.dropped).toBe(1);
  });
});

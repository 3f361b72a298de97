/**
 * The fleet counted a kiosk's journeys per UTC day: a journey that ended at 00:30 or 07:30 in a hall
 * in China fell on the day before in the dashboard's chart, so the fleet's day ran from 08:00 to
 * 08:00 and never matched the hall's day (or the daily caps'). The publisher now names each journey
 * outcome's day in the kiosk's zone (`kiosk.timeZone`), from the same instant as its `at`.
 */
import { describe, expect, it } from '@jest/globals';
import { TelemetryEventSchema } from '@kiosk/fleet-monitor/contract';
import { FleetPublisher } from './fleet-publisher.js';

function publisherAt(at: string, timeZone?: string): FleetPublisher {
  // never started: publishEvent only queues (in memory)
  return new FleetPublisher({
    url: 'mqtt://127.0.0.1:1',
    kioskId: 'JZ-0001',
    password: 'unused',
    version: '0.1.0-test',
    onCommand: () => ({ result: 'done' }),
    ...(timeZone !== undefined && { timeZone }),
    now: () => new Date(at),
  });
}

const journeyEnded = {
  type: 'journeyOutcome',
  journey: 'withdraw',
  outcome: 'completed',
  durationMs: 5,
} as const;

describe("journey counted on the UTC day, not the kiosk's", () => {
  it.each([
    ['00:30 in Shanghai', '2026-11-25T16:30:00.000Z', 'Asia/Shanghai', '2026-11-26'],
    ['07:59 in Shanghai', '2026-11-25T23:59:00.000Z', 'Asia/Shanghai', '2026-11-26'],
    ['23:59 in Shanghai', '2026-11-26T15:59:00.000Z', 'Asia/Shanghai', '2026-11-26'],
    ['the domain zone when none is given', '2026-11-25T16:30:00.000Z', undefined, '2026-11-26'],
    ['19:00 in Urumqi (UTC+6)', '2026-11-25T13:00:00.000Z', 'Asia/Urumqi', '2026-11-25'],
  ])('a journey ended at %s is told on the kiosk day', (_when, at, zone, day) => {
    const event = publisherAt(at, zone).publishEvent(journeyEnded);
    expect(event).toMatchObject({ type: 'journeyOutcome', at, day });
    // the kiosk's own contract takes it
    expect(TelemetryEventSchema.safeParse(event).success).toBe(true);
  });

  it('other events carry no day', () => {
    const event = publisherAt('2026-11-25T16:30:00.000Z').publishEvent({
      type: 'anomaly',
      code: 'DOOR_OPENED',
    });
    expect(event).not.toHaveProperty('day');
  });
});

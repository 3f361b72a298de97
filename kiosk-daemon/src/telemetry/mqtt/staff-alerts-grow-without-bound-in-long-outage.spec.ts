/**
 * The fault: the staff alerts the kiosk tells again from its journal until a monitor stored them
 * (`keptUntilStored`: a withdrawal, a supply act or a card left for staff, a host act given up, a
 * self test that failed) were never dropped and not counted against the queue's limit: "the journal
 * bounds them". Through days offline each withdrawal left, each act given up, each self test failing
 * of another cause queued one more, so the queue and its file, rewritten whole at every enqueue,
 * grew without bound. Now they have a bound of their own (`fleet.staffAlertLimit`): past it the
 * oldest self test alerts go first (the next self test that fails tells its alert again), then the
 * oldest others, each counted as dropped, so the fleet hears of the loss (`eventsDropped`); one
 * still true in the journal is told again at the next boot under its id, and stored.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process), stopped for the outage and started again.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { GIVEN_UP, OUTCOME, staffAlertFleet } from './staff-alerts.spec-support.js';

const WITHDRAWAL_LEFT = { type: 'recoveryNeedsStaff', code: 'WITHDRAWAL_UNDECIDED' } as const;
const SELF_TEST = (cause: string) =>
  ({ type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED', cause }) as const;

const world = staffAlertFleet(2);
const { kiosk, alertCodes, stored, brokerBack } = world;

describe('staff-alerts-grow-without-bound-in-long-outage', () => {
  it('fault: every act given up and withdrawal left through a long outage stayed queued, the queue and its file growing without bound; now the kept alerts stop at their bound, the oldest dropped and counted', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk({ staffAlertLimit: 10 });
    for (let i = 0; i < 150; i++) {
      publisher.publishEvent(GIVEN_UP, randomUUID());
      publisher.publishEvent(WITHDRAWAL_LEFT, randomUUID());
      publisher.publishEvent(OUTCOME);
    }
    // the bound's ten kept alerts beside the limit's two others
    expect(publisher.queued).toBe(12);
    expect(world.eventsInFile()).toHaveLength(12);

    await brokerBack(publisher);
    const events = await stored();
    expect(events.filter((e) => e.type === 'anomaly' || e.type === 'recoveryNeedsStaff')).toHaveLength(10);
    expect(events.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 290 + 148 });
    expect(await alertCodes()).toContain('anomaly:TELEMETRY_EVENTS_DROPPED');
  });

  it('past the bound the oldest self test alerts go first, then the oldest others; the newest kept', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk({ staffAlertLimit: 3 });
    const given = [randomUUID(), randomUUID(), randomUUID()];
    publisher.publishEvent(GIVEN_UP, given[0]);
    publisher.publishEvent(SELF_TEST('CARD_POSITION_UNKNOWN'));
    publisher.publishEvent(GIVEN_UP, given[1]);
    publisher.publishEvent(SELF_TEST('WITHDRAWAL_UNDECIDED'));
    const left = publisher.publishEvent(WITHDRAWAL_LEFT, randomUUID());
    // past three kept each time: the self test alerts went, the oldest first
    expect(publisher.queued).toBe(3);
    publisher.publishEvent(GIVEN_UP, given[2]);
    // then the oldest other: the first act given up
    await brokerBack(publisher);
    const events = await stored();
    expect(
      events
        .filter((e) => e.type !== 'eventsDropped')
        .map((e) => e.id)
        .sort(),
    ).toEqual([given[1], left.id, given[2]].sort());
    expect(events.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 3 });
  });

  it('an alert dropped past the bound and still true in the journal, told again at the next boot under its id, is queued and stored', async () => {
    await world.fleet.broker.stop();
    const before = kiosk({ staffAlertLimit: 1 });
    const first = randomUUID();
    before.publishEvent(GIVEN_UP, first);
    before.publishEvent(GIVEN_UP, randomUUID());
    expect(before.queued).toBe(1);
    await before.stop();

    const after = kiosk({ staffAlertLimit: 2 });
    expect(after.publishEvent(GIVEN_UP, first).id).toBe(first);
    expect(after.queued).toBe(2);
    await brokerBack(after);
    expect((await stored()).map((e) => e.id)).toContain(first);
    expect(await alertCodes()).toEqual([
      'anomaly:HOST_ACT_ABANDONED',
      'anomaly:HOST_ACT_ABANDONED',
      'anomaly:TELEMETRY_EVENTS_DROPPED',
    ]);
  });

  it('a queue file holding more kept alerts than the bound (written before it, or the bound lowered): the oldest dropped at the start, counted', async () => {
    await world.fleet.broker.stop();
    const before = kiosk({ staffAlertLimit: 5 });
    for (let i = 0; i < 5; i++) before.publishEvent(GIVEN_UP, randomUUID());
    const newest = before.publishEvent(WITHDRAWAL_LEFT, randomUUID());
    await before.stop();

    const after = kiosk({ staffAlertLimit: 2 });
    expect(after.queued).toBe(2);
    await brokerBack(after);
    const events = await stored();
    expect(events.map((e) => e.id)).toContain(newest.id);
    expect(events.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 1 + 3 });
  });
});

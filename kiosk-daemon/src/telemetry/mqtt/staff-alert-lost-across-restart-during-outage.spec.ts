/**
 * The fault: a staff alert about a card or money left for staff was kept only by the queue's drop
 * order. A queue full of nothing but alerts (anomalies of many sessions through a long outage)
 * dropped its oldest, the recovery alert of a withdrawal left undecided among them, and the fleet
 * saw only an `eventsDropped` count; and a restart during the outage failed the self test again on
 * the same withdrawal and queued a second alert beside the one the earlier run queued, so the
 * monitor stored it twice. Now the alerts the kiosk derives from its journal (`keptUntilStored`)
 * are kept outside the queue's limit (under a bound of their own:
 * staff-alerts-grow-without-bound-in-long-outage), and a self test's alert like one waiting that
 * has not gone to a broker is not queued again: the waiting one, its id, stands for it.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process), stopped for the outage and started again.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { GIVEN_UP, PIN_BLOCKED, staffAlertFleet } from './staff-alerts.spec-support.js';

const WITHDRAWAL_LEFT = {
  type: 'recoveryNeedsStaff',
  code: 'SELF_TEST_FAILED',
  cause: 'WITHDRAWAL_UNDECIDED',
} as const;
const GIVEN_UP_ID = '6a0e2f1c-9b3d-5e47-8c21-0d4f6b8a2e19';

const world = staffAlertFleet(2);
const { kiosk, alertCodes, stored, brokerBack } = world;

describe('staff-alert-lost-across-restart-during-outage', () => {
  it('fault: a queue full of nothing but alerts dropped the recovery alert of a withdrawal left for staff and the given-up act; now both are kept, the other alerts dropped and counted', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    publisher.publishEvent(WITHDRAWAL_LEFT);
    publisher.publishEvent(GIVEN_UP, GIVEN_UP_ID);
    for (let i = 0; i < 4; i++) publisher.publishEvent(PIN_BLOCKED);
    // the kept alerts beside the limit's two others
    expect(publisher.queued).toBe(4);

    await brokerBack(publisher);
    await eventually(async () => (await alertCodes()).length === 5, 'the alerts raised', {
      withinMs: 10_000,
    });
    expect(await alertCodes()).toEqual([
      'anomaly:HOST_ACT_ABANDONED',
      'anomaly:PIN_BLOCKED',
      'anomaly:PIN_BLOCKED',
      'anomaly:TELEMETRY_EVENTS_DROPPED',
      'recoveryNeedsStaff:SELF_TEST_FAILED',
    ]);
    expect((await stored()).find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 2 });
  });

  it('fault: the self test failed again at a restart during the outage on the same withdrawal, and the monitor stored its alert twice; now the one the earlier run queued stands for it, stored once', async () => {
    await world.fleet.broker.stop();
    const before = kiosk();
    const first = before.publishEvent(WITHDRAWAL_LEFT);
    await before.stop();

    const after = kiosk();
    expect(after.publishEvent(WITHDRAWAL_LEFT).id).toBe(first.id);
    expect(after.queued).toBe(1);
    await brokerBack(after);
    expect((await stored()).filter((e) => e.type === 'recoveryNeedsStaff')).toEqual([
      expect.objectContaining({ id: first.id, code: 'SELF_TEST_FAILED', cause: 'WITHDRAWAL_UNDECIDED' }),
    ]);
    expect(await alertCodes()).toEqual(['recoveryNeedsStaff:SELF_TEST_FAILED']);
  });

  it('a self test failing again in the same run (staff came and went) while the first waits: the one waiting stands for it too (self-test-alert-queued-again-each-failure-in-one-run)', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    const first = publisher.publishEvent(WITHDRAWAL_LEFT);
    expect(publisher.publishEvent(WITHDRAWAL_LEFT).id).toBe(first.id);
    expect(publisher.queued).toBe(1);
  });
});

/**
 * The fault: a self test that failed (or timed out) again and again in one run during a long broker
 * outage (staff came and went, the kiosk was placed and failed again) queued one recovery alert each
 * time: only one an earlier run queued stood for a like one. Those alerts are kept until a monitor
 * stored them, outside the queue's limit, so the queue and its file (rewritten whole at every
 * enqueue) grew with every failure, and the monitor, which keeps one alert per code, raised nothing
 * more from the copies. Now a like one waiting (same code and cause) stands for it in the same run
 * too, as long as it has not gone to a broker: once sent it may be stored, and a status placing the
 * kiosk after it may have resolved its alert, so a later failure is queued beside it.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process), stopped for the outage and started again.
 */
import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { eventually } from '@kiosk/domain/testing';
import type { FleetPublisher } from './fleet-publisher.js';
import { heldBy, PLACED, staffAlertFleet } from './staff-alerts.spec-support.js';

const FAILED = {
  type: 'recoveryNeedsStaff',
  code: 'SELF_TEST_FAILED',
  cause: 'CARD_POSITION_UNKNOWN',
} as const;
const TIMED_OUT = { type: 'recoveryNeedsStaff', code: 'SELF_TEST_TIMEOUT' } as const;
const HELD = heldBy('SELF_TEST_FAILED');

const world = staffAlertFleet(5);
const { kiosk, alertCodes, stored, brokerBack } = world;

/** Staff came, the kiosk was placed, and its self test failed again: `times` over. */
function failAgainAndAgain(publisher: FleetPublisher, times: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < times; i++) {
    publisher.publishStatus(PLACED);
    ids.push(publisher.publishEvent(FAILED).id, publisher.publishEvent(TIMED_OUT).id);
    publisher.publishStatus(HELD);
  }
  return ids;
}

describe('self-test-alert-queued-again-each-failure-in-one-run', () => {
  it('fault: each failure of one run in an outage queued one more kept alert; now the one waiting stands for each, stored once, its alert raised once', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    const ids = failAgainAndAgain(publisher, 30);
    expect(new Set(ids).size).toBe(2);
    expect(publisher.queued).toBe(2);
    expect(world.eventsInFile()).toHaveLength(2);

    await brokerBack(publisher);
    const recovery = (await stored()).filter((e) => e.type === 'recoveryNeedsStaff');
    expect(recovery.map((e) => e.id).sort()).toEqual([...new Set(ids)].sort());
    // nothing lost: the kiosk is held by its self test, and the monitor's alerts say so
    expect(await alertCodes()).toEqual([
      'recoveryNeedsStaff:SELF_TEST_FAILED',
      'recoveryNeedsStaff:SELF_TEST_TIMEOUT',
    ]);
  });

  it('the kiosk placed by the end of the outage: the alert raised by the one stored and resolved by its status, as the copies would have been', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    failAgainAndAgain(publisher, 3);
    publisher.publishStatus(PLACED);
    const raised: string[] = [];
    world.fleet.ingest.on('alertRaised', (alert) => raised.push(alert.key));
    await brokerBack(publisher);
    await eventually(async () => (await alertCodes()).length === 0, 'the alerts resolved by the status', {
      withinMs: 10_000,
    });
    expect(raised.sort()).toEqual(['recovery/SELF_TEST_FAILED', 'recovery/SELF_TEST_TIMEOUT']);
  });

  it('another cause is another alert: queued beside the one waiting', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    const first = publisher.publishEvent(FAILED);
    const other = publisher.publishEvent({ ...FAILED, cause: 'WITHDRAWAL_UNDECIDED' });
    expect(other.id).not.toBe(first.id);
    expect(publisher.publishEvent(FAILED).id).toBe(first.id);
    expect(publisher.queued).toBe(2);
  });

  it('a like alert once the one waiting went to the broker (it may be stored and resolved since) is queued beside it, and stored', async () => {
    const publisher = kiosk();
    const connected = once(publisher, 'connected');
    publisher.start();
    await connected;
    const second = new Promise<string>((resolve) =>
      publisher.once('sent', () => resolve(publisher.publishEvent(FAILED).id)),
    );
    const first = publisher.publishEvent(FAILED);
    expect(await second).not.toBe(first.id);
    await eventually(
      async () => (await stored()).filter((e) => e.type === 'recoveryNeedsStaff').length === 2,
      'both stored',
      { withinMs: 10_000 },
    );
  });
});

/**
 * The fault: a self test's recovery alert like one waiting in the queue (one that timed out, told
 * under a new id each time, or failed of what recovery did not leave) was not queued again when
 * the one waiting had not gone to a broker "in this run": what went in an earlier run was not known
 * at a restart. One that went, was stored by the monitor and its alert resolved by a status placing
 * the kiosk (staff came), but whose ack the kiosk never heard (a monitor gone between its store and
 * its ack, a dropped link) was still in the queue file at the restart; the self test failed again
 * at that boot the same way, its alert stood on the one waiting, the monitor took that one as
 * a repeat of what it stored and raised nothing: the kiosk out of service on its self test, no
 * alert at the fleet. Now the queue file says which of its self test alerts went to a broker (marked
 * before they go), and one that went, or of a file that does not say, no longer stands for a like
 * one: that is queued beside it and raises the alert again.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process); the monitor's acks are held back while the first run's alert is stored and resolved.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { eventually } from '@kiosk/domain/testing';
import type { FleetPublisher } from './fleet-publisher.js';
import { heldBy, PLACED, staffAlertFleet } from './staff-alerts.spec-support.js';

/** told under a new id each time (its recovery may still run: `recoveryAlertEventId`) */
const TIMED_OUT = { type: 'recoveryNeedsStaff', code: 'SELF_TEST_TIMEOUT' } as const;
const HELD = heldBy('SELF_TEST_TIMEOUT');

const world = staffAlertFleet(5);
const { kiosk, stored } = world;

const recoveryAlerts = async () =>
  (await world.alertCodes()).filter((code) => code.startsWith('recoveryNeedsStaff:'));

async function connected(publisher: FleetPublisher): Promise<void> {
  const up = once(publisher, 'connected');
  publisher.start();
  await up;
}

/**
 * The first run: its self test failed, the alert stored by the monitor, no ack heard; staff came,
 * the kiosk placed, the alert resolved by its status; then the restart. Answers the alert's id.
 */
async function sentStoredResolvedNotAcked(): Promise<string> {
  const acks = jest.spyOn(world.fleet.broker, 'publishEventAck').mockResolvedValue(undefined);
  const before = kiosk();
  await connected(before);
  before.publishStatus(HELD);
  const first = before.publishEvent(TIMED_OUT);
  await eventually(async () => (await recoveryAlerts()).length === 1, 'the alert raised', {
    withinMs: 10_000,
  });
  before.publishStatus(PLACED);
  await eventually(async () => (await recoveryAlerts()).length === 0, 'the alert resolved by the status', {
    withinMs: 10_000,
  });
  await before.stop();
  acks.mockRestore();
  expect(world.eventsInFile()).toEqual([expect.objectContaining({ id: first.id })]);
  return first.id;
}

describe('self-test-alert-lost-when-sent-before-restart', () => {
  it('fault: the self test failed again at the restart, its alert stood on the one the earlier run sent, and the monitor raised nothing; now it is queued beside it and raised again', async () => {
    const firstId = await sentStoredResolvedNotAcked();

    const after = kiosk();
    after.publishStatus(HELD);
    const again = after.publishEvent(TIMED_OUT);
    expect(again.id).not.toBe(firstId);
    await connected(after);
    await eventually(() => after.queued === 0, 'both stored', { withinMs: 10_000 });
    expect(await recoveryAlerts()).toEqual(['recoveryNeedsStaff:SELF_TEST_TIMEOUT']);
    expect((await stored()).filter((e) => e.type === 'recoveryNeedsStaff').map((e) => e.id)).toEqual([
      again.id,
      firstId,
    ]);
  });

  it('a queue file that does not say what went (a release before it): its self test alert may have been sent, so a like one is queued beside it', async () => {
    const firstId = await sentStoredResolvedNotAcked();
    const file = world.queueFile();
    const older = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete older['sent'];
    writeFileSync(file, JSON.stringify(older));

    const after = kiosk();
    expect(after.publishEvent(TIMED_OUT).id).not.toBe(firstId);
    expect(after.queued).toBe(2);
  });
});

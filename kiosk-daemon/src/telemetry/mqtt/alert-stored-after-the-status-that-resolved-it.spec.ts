/**
 * The fault: an event stored after a newer status left its alert standing. Several monitors share
 * the ingest (ADR 0011): every monitor takes every status, while each event goes to one monitor of
 * the group, and one that dies before storing it has it delivered again (its session, or the kiosk
 * sending it again with no ack past its timeout) once another monitor stored the statuses sent
 * after it; nor do two monitors keep one kiosk's events in order between them. A self test's alert
 * stored after the status placing the kiosk (staff came meanwhile), or a device's fault stored
 * after the status and the fault's clearing that came once the device was back, raised an alert
 * that nothing cleared: the kiosk sent its status again only after a backlog it reconnected with.
 * Now the status goes again whenever a monitor stored all the kiosk had queued, so the monitors'
 * last word is the kiosk's state, whatever order its events were stored in.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process); the monitor loses the first delivery of the event (taken by a monitor that died), the
 * kiosk sends it again after its ack timeout.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { eventually } from '@kiosk/domain/testing';
import type { FleetPublisher, KioskStatusInput } from './fleet-publisher.js';
import { heldBy, PLACED, staffAlertFleet } from './staff-alerts.spec-support.js';

const HELD = heldBy('SELF_TEST_TIMEOUT');
const PRINTING: KioskStatusInput = {
  ...PLACED,
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [] }],
};
const JAMMED: KioskStatusInput = {
  ...PLACED,
  mode: 'degraded',
  devices: [{ kind: 'receiptPrinter', device: 'hardwareError', supplies: [], faultCode: 'PRINTER_JAM' }],
};

const world = staffAlertFleet(5);

async function connected(publisher: FleetPublisher): Promise<void> {
  const up = once(publisher, 'connected');
  publisher.start();
  await up;
}

/** The monitor loses the first delivery of the kiosk's next event (the monitor that took it died). */
function firstEventLost(): { lost: () => boolean } {
  const ingest = world.fleet.ingest;
  const accept = ingest.accept.bind(ingest);
  let lost = false;
  jest.spyOn(ingest, 'accept').mockImplementation((topic, payload) => {
    if (lost || !topic.endsWith('/events')) return accept(topic, payload);
    lost = true;
    return Promise.resolve();
  });
  return { lost: () => lost };
}

/** The last status the monitor stored says `mode`. */
async function statusStored(mode: string): Promise<void> {
  await eventually(
    async () => (await world.fleet.store.kiosk('JZ-0001'))?.status?.mode,
    `the status ${mode}`,
    {
      withinMs: 10_000,
      until: (stored) => stored === mode,
    },
  );
}

const active = async () => (await world.fleet.store.activeAlerts()).map((a) => `${a.kind}:${a.code}`);

describe('alert-stored-after-the-status-that-resolved-it', () => {
  it('fault: a self test alert stored after the status placing the kiosk stayed raised; now the status goes again once it is stored, and resolves it', async () => {
    const publisher = world.kiosk({ ackTimeoutMs: 300 });
    await connected(publisher);
    const delivery = firstEventLost();
    publisher.publishStatus(HELD);
    publisher.publishEvent({ type: 'recoveryNeedsStaff', code: 'SELF_TEST_TIMEOUT' });
    await eventually(delivery.lost, 'the first delivery lost', { withinMs: 10_000 });
    // staff came: placed, told before the alert is stored
    publisher.publishStatus(PLACED);
    await statusStored('inService');
    await eventually(() => publisher.queued === 0, 'the alert stored', { withinMs: 10_000 });
    expect((await world.stored()).map((e) => e.type)).toContain('recoveryNeedsStaff');
    await eventually(active, 'the alert resolved by the kiosk placed', {
      withinMs: 5_000,
      until: (alerts) => !alerts.includes('recoveryNeedsStaff:SELF_TEST_TIMEOUT'),
    });
  });

  it("fault: a device's fault stored after its clearing and the status with the device back stayed raised; now resolved", async () => {
    const publisher = world.kiosk({ ackTimeoutMs: 300 });
    await connected(publisher);
    publisher.publishStatus(PRINTING);
    await statusStored('inService');
    const delivery = firstEventLost();
    publisher.publishStatus(JAMMED);
    publisher.publishEvent({ type: 'deviceFault', device: 'receiptPrinter', code: 'PRINTER_JAM' });
    await eventually(delivery.lost, 'the first delivery lost', { withinMs: 10_000 });
    // the jam cleared at once: its clearing and the status stored before the fault
    publisher.publishEvent({ type: 'faultCleared', device: 'receiptPrinter' });
    publisher.publishStatus(PRINTING);
    await statusStored('inService');
    await eventually(() => publisher.queued === 0, 'both stored', { withinMs: 10_000 });
    await eventually(active, 'the fault alert resolved', {
      withinMs: 5_000,
      until: (alerts) => !alerts.some((a) => a.startsWith('deviceFault:')),
    });
  });
});

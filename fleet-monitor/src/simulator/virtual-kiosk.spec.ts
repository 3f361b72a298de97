import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestFleet, waitUntil } from '../testing/test-fleet.js';
import type { FleetMonitor } from '../fleet-monitor.js';
import { VirtualKiosk } from './virtual-kiosk.js';

let fleet: FleetMonitor;
let kiosk: VirtualKiosk;

beforeEach(async () => {
  const started = await startTestFleet({ kiosks: { 'sim-k0001': 'sim-secret-1' } });
  fleet = started.fleet;
  kiosk = new VirtualKiosk({
    url: started.url,
    kioskId: 'sim-k0001',
    password: 'sim-secret-1',
    heartbeatIntervalS: 1,
    journeyEveryMs: 5,
    refillAfterMs: 60_000,
  });
});
afterEach(async () => {
  await kiosk.stop();
  await fleet.stop();
});

describe('virtual kiosk', () => {
  it('publishes a status the monitor accepts and journey outcomes as residents come', async () => {
    await kiosk.start();
    await waitUntil(
      async () => Boolean((await fleet.store.kiosk('sim-k0001'))?.status),
      'the status arrives',
    );
    await waitUntil(() => fleet.ingest.counters.events >= 10, 'journey outcomes arrive');
    expect(fleet.ingest.counters.rejected).toBe(0);
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.devices.map((device) => device.kind)).toEqual([
      'cardReader',
      'receiptPrinter',
      'cardPrinter',
      'cashDispenser',
    ]);
  });

  it('goes out of service on command, acknowledges it and offers no journey', async () => {
    await kiosk.start();
    await waitUntil(
      async () => Boolean((await fleet.store.kiosk('sim-k0001'))?.status),
      'the status arrives',
    );
    await fleet.sendCommand('sim-k0001', { type: 'outOfService' }, 'zhang');
    await waitUntil(
      async () => (await fleet.store.kiosk('sim-k0001'))?.status?.mode === 'outOfService',
      'the kiosk reports out of service',
    );
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.journeysOffered).toEqual([]);
    await waitUntil(
      async () => (await fleet.store.commands('sim-k0001'))[0]?.result === 'done',
      'the ack is recorded',
    );
  });

  it('an out-of-service command that reaches it past its expiry (it was away) is refused with TELEMETRY_COMMAND_EXPIRED', async () => {
    await kiosk.start();
    await waitUntil(
      async () => Boolean((await fleet.store.kiosk('sim-k0001'))?.status),
      'the status arrives',
    );
    const late = {
      id: randomUUID(),
      kioskId: 'sim-k0001',
      type: 'outOfService',
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
      issuedBy: 'zhang',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    } as const;
    await fleet.store.saveCommand(late);
    await fleet.broker.publishCommand('sim-k0001', JSON.stringify(late));
    await waitUntil(() => fleet.ingest.counters.acks === 1, 'the refusal arrives');
    // recorded by the kiosk's refusal or by the monitor's sweep, whichever came first: the same code
    expect((await fleet.store.commands('sim-k0001'))[0]).toMatchObject({ code: 'TELEMETRY_COMMAND_EXPIRED' });
    expect((await fleet.store.kiosk('sim-k0001'))?.status?.mode).not.toBe('outOfService');
  });
});

/**
 * Fault: two monitors share the database (ADR 0011) and both take every status, each in the
 * broker's order but side by side. A kiosk's link drops and it reconnects at once: its last will
 * (of the connection that dropped) and the status of its next connection reach both monitors. One
 * monitor stores both; the other, slower, stores the will after that status: the monitor took the
 * offline status whatever was stored, so the kiosk read offline, its `offline` alert raised, while
 * it was connected (until its next heartbeat). The kiosk now numbers its connections
 * (`connectionSeq`, in its online status and in the will and clean stop of that connection), and
 * the monitor keeps out an offline status of a connection before the stored status's. Two ingests on
 * one store stand for the two monitors (the same case on PostgreSQL: `fleet-store-drivers-kiosk-order`).
 */
import { describe, expect, it } from '@jest/globals';
import type { OfflineStatus, OnlineStatus } from '../contract/telemetry.contract.js';
import { kioskSeen, offline, online, take, twoMonitors } from './two-monitors.spec-support.js';

const monitors = twoMonitors();

/** both monitors store a status, the quick one first */
async function both(body: OnlineStatus | OfflineStatus): Promise<void> {
  await take(monitors().quick, body);
  await take(monitors().slow, body);
}

const kiosk = () => kioskSeen(monitors().store);

describe('last-will-stored-after-the-next-online-on-another-monitor', () => {
  it("last-will-stored-after-the-next-online-on-another-monitor: the slower monitor stores the dropped connection's will after the next connection's status: the kiosk stays online, no alert raised again", async () => {
    await both(online(4));
    await take(monitors().quick, offline(4));
    await take(monitors().quick, online(5));
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
    await take(monitors().slow, offline(4));
    await take(monitors().slow, online(5));
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
  });

  it("a clean stop's offline status stored after the next start's status is kept out alike", async () => {
    await both(online(7));
    await take(monitors().quick, offline(7, 'shutdown'));
    await take(monitors().quick, online(8));
    await take(monitors().slow, offline(7, 'shutdown'));
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
  });

  it('the will of the connection the stored status was sent on is taken: the kiosk is gone', async () => {
    await both(online(5));
    await both(offline(5));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
    expect((await monitors().store.activeAlerts())[0]).toMatchObject({ key: 'offline', code: 'LAST_WILL' });
  });

  it('a will of a later connection than the stored status is taken (its status not stored yet)', async () => {
    await both(online(5));
    await take(monitors().quick, offline(6));
    expect(await kiosk()).toMatchObject({ connection: 'offline', offlineActive: 1 });
  });

  it('a kiosk of a release before (no connection numbers): its will is taken whatever is stored, as before', async () => {
    await both(online());
    await take(monitors().quick, offline());
    await take(monitors().quick, online());
    await take(monitors().slow, offline());
    expect(await kiosk()).toMatchObject({ connection: 'offline', offlineActive: 1 });
  });

  it("a numbered will after an older release's status (the kiosk just upgraded) is taken", async () => {
    await both(online());
    await take(monitors().quick, offline(1));
    expect(await kiosk()).toMatchObject({ connection: 'offline', offlineActive: 1 });
  });

  it('a will of a kiosk the monitor never saw online is taken: offline with its alert', async () => {
    await take(monitors().slow, offline(3));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
  });
});

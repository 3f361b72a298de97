/**
 * Fault: two monitors share the database (ADR 0011) and both take every status, each in the
 * broker's order but side by side. A kiosk's link drops: the online status of that connection and
 * then its last will reach both monitors. One stores both; the other, slower, stores the online
 * status after the will was stored (a redelivery, a monitor that stops before its own copy of the
 * will): the monitor took the online status whatever offline was stored, so the kiosk read online,
 * its `offline` alert cleared, while it was gone, until the silent-kiosk sweep (three heartbeat
 * intervals). The kiosk's row now keeps the number of the last offline stored
 * (`offline_connection_seq`), and an online status whose connection is not above it is kept out.
 * Two ingests on one store stand for the two monitors (the same case on PostgreSQL:
 * `fleet-store-drivers-kiosk-order`).
 */
import { describe, expect, it } from '@jest/globals';
import { kioskSeen, offline, online, take, twoMonitors } from './two-monitors.spec-support.js';

const monitors = twoMonitors();
const kiosk = () => kioskSeen(monitors().store);

describe('online-stored-after-its-connections-will-on-another-monitor', () => {
  it("online-stored-after-its-connections-will-on-another-monitor: the slower monitor stores a connection's online status after that connection's will: the kiosk stays offline, its alert active", async () => {
    const { quick, slow } = monitors();
    await take(quick, online(5));
    await take(quick, offline(5));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
    await take(slow, online(5));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
  });

  it("an online status stored after a later connection's will is kept out alike", async () => {
    const { quick, slow } = monitors();
    await take(quick, online(5));
    await take(quick, offline(6)); // connection 6 dropped before its status was stored
    await take(slow, online(5));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
  });

  it("after a clean stop's offline status, the same connection's online status stored late is kept out", async () => {
    const { quick, slow } = monitors();
    await take(quick, online(7));
    await take(quick, offline(7, 'shutdown'));
    await take(slow, online(7));
    expect(await kiosk()).toMatchObject({ connection: 'offline', offlineActive: 1 });
  });

  it('the next connection’s online status is taken: online, the alert cleared', async () => {
    const { quick, slow } = monitors();
    await take(quick, online(5));
    await take(quick, offline(5));
    await take(slow, online(5));
    await take(quick, online(6));
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
  });

  it('a late will of an earlier connection does not lower the number kept: its online status stays out', async () => {
    const { quick, slow } = monitors();
    await take(quick, online(5));
    await take(quick, offline(6));
    await take(slow, offline(5)); // taken (not below the stored online status's), the kiosk offline already
    await take(slow, online(6));
    expect(await kiosk()).toMatchObject({ connection: 'offline', offlineActive: 1 });
  });

  it('connection-count-file-lost: a new start whose count began again below the number kept (its file lost, its clock behind) is taken, then its will', async () => {
    const { quick } = monitors();
    await take(quick, online(57));
    await take(quick, offline(57));
    const started = { ...online(1), run: { id: '5d1e0c9a-3b7f-4e2a-8c64-0f9b2a7d1e53', seq: 0 } };
    await take(quick, started);
    await take(quick, { ...started, run: { ...started.run, seq: 1 } }); // its next status too
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
    await take(quick, offline(1));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 2, offlineActive: 1 });
  });

  it('count-lost-late-will-of-the-count-before: a will of the count before its file was lost, stored late by the slower monitor, is kept out: the kiosk online, its next status taken', async () => {
    const { quick, slow } = monitors();
    await take(quick, online(57));
    await take(slow, online(57));
    // the kiosk restarted at once, its count file lost and its clock behind: the broker sent the
    // will of connection 57 as the new connection took over, then the new start's status numbered 1
    const started = { ...online(1), run: { id: '5d1e0c9a-3b7f-4e2a-8c64-0f9b2a7d1e53', seq: 0 } };
    await take(quick, offline(57));
    await take(quick, started);
    await take(slow, offline(57));
    await take(slow, started);
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
    await take(quick, { ...started, mode: 'outOfService', run: { ...started.run, seq: 1 } });
    expect((await monitors().store.kiosk('k1'))?.status).toMatchObject({ mode: 'outOfService' });
    // a will of the new count is taken
    await take(quick, offline(1));
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 2, offlineActive: 1 });
  });

  it("online-stored-after-its-connections-will-at-a-new-start: a restarted kiosk's first connection dropped, its will stored before its online status: the status is kept out", async () => {
    const { quick, slow } = monitors();
    await take(quick, online(5));
    await take(quick, offline(5, 'shutdown'));
    // the kiosk started again (its count file kept): connection 6 of a new run, dropped at once; the
    // quick monitor has only its will (back on the broker after the status went by: the retained will)
    await take(quick, offline(6));
    const started = { ...online(6), run: { id: '9c4e2b71-6a0d-4f3e-b8a5-1d7c3e9f0a24', seq: 0 } };
    await take(slow, started);
    expect(await kiosk()).toEqual({ connection: 'offline', offlineRaised: 1, offlineActive: 1 });
    // its next connection is taken
    await take(quick, { ...online(7), run: { ...started.run, seq: 1 } });
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
  });

  it('a kiosk of a release before (no connection numbers): its online status is taken after a will, as before', async () => {
    const { quick, slow } = monitors();
    await take(quick, online());
    await take(quick, offline());
    await take(slow, online());
    expect(await kiosk()).toEqual({ connection: 'online', offlineRaised: 1, offlineActive: 0 });
  });

  it("an offline status without a number (the sweep, an older release's will) keeps none: the next status is taken", async () => {
    const { quick } = monitors();
    await take(quick, online(5));
    await take(quick, offline());
    await take(quick, online(5));
    expect(await kiosk()).toMatchObject({ connection: 'online', offlineActive: 0 });
  });
});

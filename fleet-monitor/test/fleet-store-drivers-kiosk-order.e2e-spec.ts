/**
 * A kiosk's statuses, last wills, clean stops and heartbeats stored in order on both of the fleet
 * store's drivers, through the ingest (ADR 0011, ADR 0018's addendum): runs and not the clock, a
 * will kept out after a later connection's status, an online status kept out after its connection's
 * offline, the silent kiosks; across a reopen where the row keeps what orders them. The store's other
 * scenarios on both drivers: `fleet-store-drivers`.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { at, drivers, paperStatus, storeOnDriver } from './store-drivers.js';

describe.each(drivers)('kiosk order in the fleet store on %s', (_name, makeDriver) => {
  const fleet = storeOnDriver(makeDriver);
  const { send } = fleet;

  it('a status older than the stored one (a late redelivery) is kept out, its alerts too', async () => {
    await send('kiosk/k1/status', paperStatus('k1', 'ok', 10));
    await send('kiosk/k1/status', paperStatus('k1', 'empty', 5));
    expect((await fleet.store.kiosk('k1'))?.status).toMatchObject({ mode: 'inService', at: at(10) });
    expect(await fleet.store.activeAlerts()).toEqual([]);
  });

  it('kiosk-clock-stepped-back-statuses-ignored: statuses ordered by their run, not the clock; a run ended stays ended after a reopen', async () => {
    const [before, after] = [randomUUID(), randomUUID()];
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok', 3600), run: { id: before, seq: 5 } });
    // NTP stepped the clock back an hour
    await send('kiosk/k1/status', { ...paperStatus('k1', 'empty', 0), run: { id: before, seq: 6 } });
    expect((await fleet.store.kiosk('k1'))?.status).toMatchObject({ mode: 'degraded', run: { seq: 6 } });
    expect((await fleet.store.activeAlerts()).map((alert) => alert.key)).toEqual([
      'supply/receiptPrinter/paper',
    ]);
    // a restart, the clock set back further: the new run is taken; a late status of the old one is not
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok', -86_400), run: { id: after, seq: 0 } });
    expect(await fleet.store.activeAlerts()).toEqual([]);
    await fleet.reopen();
    await send('kiosk/k1/status', { ...paperStatus('k1', 'empty', 7200), run: { id: before, seq: 7 } });
    expect((await fleet.store.kiosk('k1'))?.status).toMatchObject({ mode: 'inService', run: { id: after } });
    expect(await fleet.store.activeAlerts()).toEqual([]);
  });

  it('last will, then a heartbeat: offline with its alert, then online and cleared', async () => {
    expect(await fleet.store.saveHeartbeat('k1', 1, at())).toBe(false); // no status yet
    await send('kiosk/k1/status', paperStatus('k1', 'ok'));
    expect(await fleet.store.markOffline('k1', at(1))).toBe(true);
    expect(await fleet.store.markOffline('k1', at(2))).toBe(true);
    await fleet.store.raiseAlert('k1', 'offline', 'offline', 'LAST_WILL', at(2));
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: 2, at: at(3), uptimeS: 3, queued: 0 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'online', lastHeartbeatSeq: 2 });
    expect(await fleet.store.activeAlerts()).toEqual([]);
  });

  it("last-will-stored-after-the-next-online-on-another-monitor: a will of a connection before the stored status's changes nothing", async () => {
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok'), connectionSeq: 5 });
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    await send('kiosk/k1/status', { ...will, connectionSeq: 4 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'online' });
    expect(await fleet.store.activeAlerts()).toEqual([]);
    expect(await fleet.store.markOffline('k1', at(1), 4)).toBe(false);
    await send('kiosk/k1/status', { ...will, connectionSeq: 5 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'offline' });
    expect(await fleet.store.activeAlerts()).toMatchObject([{ key: 'offline', code: 'LAST_WILL' }]);
  });

  it('online-stored-after-its-connections-will-on-another-monitor: an online status of a connection an offline ended is kept out, after a reopen too', async () => {
    const seq = 1_764_400_000_005; // a count past 2^32 (seeded from a clock's milliseconds)
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok'), connectionSeq: seq });
    await send('kiosk/k1/status', { ...will, connectionSeq: seq + 1 });
    await send('kiosk/k1/status', { ...will, connectionSeq: seq }); // a late will keeps the higher number
    await fleet.reopen();
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok', 2), connectionSeq: seq + 1 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'offline',
      status: { connectionSeq: seq },
    });
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok', 3), connectionSeq: seq + 2 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'online',
      status: { connectionSeq: seq + 2 },
    });
    expect(await fleet.store.activeAlerts()).toEqual([]);
  });

  it("online-stored-after-its-connections-will-at-a-new-start: a new run's online status after its connection's will is kept out; a count begun again below the stored status's is taken", async () => {
    const seq = 1_764_400_000_005;
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    const inRun = (id: string, connectionSeq: number, offsetS: number) => ({
      ...paperStatus('k1', 'ok', offsetS),
      run: { id, seq: 0 },
      connectionSeq,
    });
    await send('kiosk/k1/status', inRun(randomUUID(), seq, 0));
    await send('kiosk/k1/status', { ...will, connectionSeq: seq + 1 }); // the new start's first connection
    await send('kiosk/k1/status', inRun(randomUUID(), seq + 1, 2));
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'offline',
      status: { connectionSeq: seq },
    });
    // its count file lost and its clock behind: the count began again at 1
    await send('kiosk/k1/status', inRun(randomUUID(), 1, 3));
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'online',
      status: { connectionSeq: 1 },
    });
    expect(await fleet.store.activeAlerts()).toEqual([]);
  });

  it('count-lost-late-will-of-the-count-before: a will of the count before a count begun again is kept out, after a reopen too; one of the new count is taken', async () => {
    const seq = 1_764_400_000_005;
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    await send('kiosk/k1/status', {
      ...paperStatus('k1', 'ok'),
      run: { id: randomUUID(), seq: 0 },
      connectionSeq: seq,
    });
    // its count file lost, its clock behind: the new start's count begins again at 1
    await send('kiosk/k1/status', {
      ...paperStatus('k1', 'ok', 2),
      run: { id: randomUUID(), seq: 0 },
      connectionSeq: 1,
    });
    await fleet.reopen();
    await send('kiosk/k1/status', { ...will, connectionSeq: seq }); // the count before's will, come late
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'online',
      status: { connectionSeq: 1 },
    });
    expect(await fleet.store.activeAlerts()).toEqual([]);
    await send('kiosk/k1/status', { ...will, connectionSeq: 1 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'offline' });
  });

  it('count-lost-will-below-the-last-status-of-the-count-before: while the count begun again is below the count before, only a will of the stored status’s connection is taken, after a reopen too', async () => {
    const seq = 1_764_400_000_005;
    const will = { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at: at(1) };
    const run = randomUUID();
    await send('kiosk/k1/status', {
      ...paperStatus('k1', 'ok'),
      run: { id: randomUUID(), seq: 0 },
      connectionSeq: seq,
    });
    await send('kiosk/k1/status', {
      ...paperStatus('k1', 'ok', 2),
      run: { id: run, seq: 0 },
      connectionSeq: 1,
    });
    await fleet.reopen();
    await send('kiosk/k1/status', { ...will, connectionSeq: seq - 3 }); // the count before's, below its last status
    await send('kiosk/k1/status', { ...will, connectionSeq: 2 }); // the new count's or the count before's: not told apart
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'online' });
    await send('kiosk/k1/status', { ...will, connectionSeq: 1 });
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'offline' });
    await send('kiosk/k1/status', {
      ...paperStatus('k1', 'ok', 3),
      run: { id: run, seq: 1 },
      connectionSeq: 2,
    });
    expect(await fleet.store.kiosk('k1')).toMatchObject({
      connection: 'online',
      status: { connectionSeq: 2 },
    });
  });

  it('heartbeat-of-an-earlier-connection-after-a-later-will: a heartbeat of a connection an offline ended, or before the stored status’s, changes nothing; one without the number is taken', async () => {
    const seq = 1_764_400_000_005;
    const heartbeat = (connectionSeq?: number) => ({
      kioskId: 'k1',
      seq: 7,
      at: at(3),
      uptimeS: 3,
      queued: 0,
      ...(connectionSeq !== undefined && { connectionSeq }),
    });
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok'), connectionSeq: seq + 1 });
    await send('kiosk/k1/status', {
      connection: 'offline',
      kioskId: 'k1',
      cause: 'lastWill',
      connectionSeq: seq + 1,
      at: at(1),
    });
    await fleet.reopen();
    expect(await fleet.store.saveHeartbeat('k1', 7, at(3), seq)).toBe(false);
    expect(await fleet.store.saveHeartbeat('k1', 7, at(3), seq + 1)).toBe(false);
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'offline' });
    await send('kiosk/k1/heartbeat', heartbeat(seq + 2));
    expect(await fleet.store.kiosk('k1')).toMatchObject({ connection: 'online', lastHeartbeatSeq: 7 });
    expect(await fleet.store.activeAlerts()).toEqual([]);
    await fleet.store.markOffline('k1', at(4)); // the sweep, no number
    expect(await fleet.store.saveHeartbeat('k1', 8, at(5), seq)).toBe(false);
    expect(await fleet.store.saveHeartbeat('k1', 8, at(5))).toBe(true);
  });

  it('heartbeat missed: the store names the kiosks silent past three of their intervals, only those online', async () => {
    await send('kiosk/k1/status', paperStatus('k1', 'ok')); // heartbeat interval 10 s, seen at 20:00:00
    await send('kiosk/k2/status', paperStatus('k2', 'ok'));
    await fleet.store.markOffline('k2', at());
    expect(await fleet.store.silentKiosks(at(30), 3)).toEqual([]);
    expect(await fleet.store.silentKiosks(at(31), 3)).toEqual(['k1']);
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: 1, at: at(25), uptimeS: 25, queued: 0 });
    // (the heartbeat is stored with the ingest's clock, 20:00:00 here)
    expect(await fleet.store.silentKiosks(at(31), 3)).toEqual(['k1']);
    // kiosks called offline after a monitor restart: silence counts from when it began to hear them
    expect(await fleet.store.silentKiosks(at(330), 3, at(300))).toEqual([]);
    expect(await fleet.store.silentKiosks(at(331), 3, at(300))).toEqual(['k1']);
  });
});

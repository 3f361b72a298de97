/**
 * Fault: heartbeats carried no connection number, so a heartbeat of an earlier connection that a
 * broker (or another monitor, heartbeats go to one of a shared group) handed the monitor after the
 * will of a later disconnect called the kiosk online again, its offline alert cleared, while it was
 * gone, until the silent-kiosk sweep three heartbeat intervals later. A heartbeat now carries the
 * connection it is sent on (optional, ADR 0018) and is ordered with the statuses and wills: one of a
 * connection an offline ended, or before the stored status's, changes nothing; one without the number
 * (a kiosk of a release before) is taken as before. Through the embedded broker, k1's messages
 * written by hand (both stores: `fleet-store-drivers-kiosk-order`; the kiosk's side:
 * `last-will-numbered-with-its-connection`).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { COUNT_BEFORE, heartbeatOn, kioskLinkByHand, onlineOn, willOf } from './kiosk-link-by-hand.js';

const link = kioskLinkByHand();
const C = COUNT_BEFORE;

describe('heartbeat-of-an-earlier-connection-after-a-later-will', () => {
  it('heartbeat-of-an-earlier-connection-after-a-later-will: a late heartbeat of a connection gone leaves the kiosk offline, its alert active; the next connection’s heartbeat calls it back', async () => {
    const { send, seen } = link();
    const run = randomUUID();
    await send('status', onlineOn(C, run));
    await send('status', onlineOn(C + 1, run, 1));
    await send('status', willOf(C + 1));
    expect(await seen()).toEqual({ connection: 'offline', connectionSeq: C + 1, offlineActive: 1 });
    await send('heartbeat', heartbeatOn(C)); // sent on connection C, handed over late
    expect(await seen()).toEqual({ connection: 'offline', connectionSeq: C + 1, offlineActive: 1 });
    await send('heartbeat', heartbeatOn(C + 1)); // the connection the will ended
    expect(await seen()).toEqual({ connection: 'offline', connectionSeq: C + 1, offlineActive: 1 });
    await send('heartbeat', heartbeatOn(C + 2));
    expect(await seen()).toEqual({ connection: 'online', connectionSeq: C + 1, offlineActive: 0 });
  });

  it("a heartbeat of a connection before the stored status's, after the sweep called the kiosk offline, changes nothing", async () => {
    const { send, seen, fleet } = link();
    await send('status', onlineOn(C + 1, randomUUID()));
    await fleet.store.markOffline('k1', new Date().toISOString()); // the sweep: no number
    await send('heartbeat', heartbeatOn(C));
    expect(await seen()).toMatchObject({ connection: 'offline' });
    await send('heartbeat', heartbeatOn(C + 1));
    expect(await seen()).toMatchObject({ connection: 'online' });
  });

  it('a kiosk of a release before (heartbeats without the number): a heartbeat after a will calls it back, as before', async () => {
    const { send, seen } = link();
    await send('status', onlineOn(C, randomUUID()));
    await send('status', willOf(C));
    await send('heartbeat', heartbeatOn());
    expect(await seen()).toEqual({ connection: 'online', connectionSeq: C, offlineActive: 0 });
  });
});

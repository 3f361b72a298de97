/**
 * Fault: a kiosk whose count of connections was lost (its file gone, its clock behind: the count
 * begun again below the numbers before, ADR 0011) was marked offline while connected by a will of
 * the count before numbered below that count's last stored status: the broker hands the monitor a
 * will it kept from before the loss (a connection that dropped before the last one, its will held
 * in a session or retained), after the new start's status. The monitor kept out only the wills
 * numbered from the count before's last status on (`earlier_count_seq`), so this one, above the new
 * count's number, was taken: the kiosk read offline, its alert raised, and the number kept rose above
 * the new count, so its next statuses were refused. While the new count is below the count before's,
 * a will is now taken only when it ends the stored status's own connection. Through the embedded
 * broker, k1's messages written by hand (the same rule on both stores: `fleet-store-drivers-kiosk-order`).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { COUNT_BEFORE, kioskLinkByHand, onlineOn, willOf } from './kiosk-link-by-hand.js';

const link = kioskLinkByHand();
/** the count begun again from a clock behind: below every number of the count before */
const BEGUN_AGAIN = COUNT_BEFORE - 86_400_000;

describe('count-lost-will-below-the-last-status-of-the-count-before', () => {
  it('count-lost-will-below-the-last-status-of-the-count-before: a will of the count before, numbered below its last status, is kept out: online, its next statuses taken', async () => {
    const { send, seen } = link();
    await send('status', onlineOn(COUNT_BEFORE, randomUUID()));
    const run = randomUUID();
    await send('status', onlineOn(BEGUN_AGAIN, run));
    expect(await seen()).toEqual({ connection: 'online', connectionSeq: BEGUN_AGAIN, offlineActive: 0 });
    // a connection of the count before, dropped before its last one: its will comes late
    await send('status', willOf(COUNT_BEFORE - 3));
    expect(await seen()).toEqual({ connection: 'online', connectionSeq: BEGUN_AGAIN, offlineActive: 0 });
    await send('status', { ...onlineOn(BEGUN_AGAIN, run, 1), mode: 'outOfService' });
    expect((await link().fleet.store.kiosk('k1'))?.status).toMatchObject({ mode: 'outOfService' });
    // the will of the connection the kiosk is on is taken
    await send('status', willOf(BEGUN_AGAIN));
    expect(await seen()).toEqual({ connection: 'offline', connectionSeq: BEGUN_AGAIN, offlineActive: 1 });
    // and its next connection's status is taken: the new count goes on
    await send('status', onlineOn(BEGUN_AGAIN + 1, run, 2));
    expect(await seen()).toEqual({ connection: 'online', connectionSeq: BEGUN_AGAIN + 1, offlineActive: 0 });
  });

  it('once the new count passes the count before, wills are ordered by the count alone', async () => {
    const { send, seen } = link();
    await send('status', onlineOn(COUNT_BEFORE, randomUUID()));
    const run = randomUUID();
    await send('status', onlineOn(BEGUN_AGAIN, run));
    await send('status', onlineOn(COUNT_BEFORE + 1, run, 1));
    // a will of a later connection whose status is not stored yet: taken
    await send('status', willOf(COUNT_BEFORE + 2));
    expect(await seen()).toEqual({
      connection: 'offline',
      connectionSeq: COUNT_BEFORE + 1,
      offlineActive: 1,
    });
  });
});

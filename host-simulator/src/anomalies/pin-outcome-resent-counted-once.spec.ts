/**
 * A kiosk sends a PIN outcome again under its idempotency key (the kiosk, the transaction, the
 * entry, the outcome) when it did not read the host's answer: from its background tries, or at its
 * next boot after a restart. The host's count of wrong PINs (3 in a day flag the card, 6 block it)
 * must take each entry once, however often it arrives: a resend is answered as the first send was
 * (a replay, its verdicts named again) and counts nothing; a first send the host failed (5xx, not
 * stored) is counted when it is sent again; two sends at once are counted once.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ANOMALY_HEADER } from './anomaly-verdicts.js';

const li = demoResident('li')!;

describe('a PIN outcome resent under its idempotency key is counted once', () => {
  let host: RunningSimulator;
  beforeEach(async () => {
    host = await startSimulator();
  });
  afterEach(() => host.close());

  /** the kiosk's PIN event of entry `entry` of transaction `tx`, under the key the daemon gives it */
  const pinEvent = (tx: string, entry: number, outcome = 'wrong') =>
    host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, {
      body: { outcome },
      idempotencyKey: `JZ-0001:${tx}:${entry}:pin-${outcome}`,
    });
  const flags = () =>
    host.simulator.state.anomalies.filter((a) => a.cardNumber === li.cardNumber && a.rule === 'pinFailures');

  it('each wrong PIN sent twice: counted once each, the flag raised once and named again on its resend', async () => {
    const answers = [];
    for (const entry of [1, 2, 3]) {
      answers.push(await pinEvent('JZ-0001-000001', entry), await pinEvent('JZ-0001-000001', entry));
    }
    expect(answers.map((a) => a.json().recentFailures)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(answers.map((a) => a.headers.get('idempotent-replay'))).toEqual([
      null,
      'true',
      null,
      'true',
      null,
      'true',
    ]);
    expect(flags()).toHaveLength(1);
    // the third's resend names the flag again: a kiosk that lost the first answer still hears of it
    expect(answers.slice(4).map((a) => a.headers.get(ANOMALY_HEADER))).toEqual([
      'pinFailures=flag',
      'pinFailures=flag',
    ]);
    // the next entry is the fourth wrong PIN, not the seventh
    expect((await pinEvent('JZ-0001-000002', 1)).json().recentFailures).toBe(4);
  });

  it('a first send the host failed (503): the resend is counted, once', async () => {
    host.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    expect((await pinEvent('JZ-0001-000001', 1)).status).toBe(503);
    host.simulator.faults.clear();
    const resent = await pinEvent('JZ-0001-000001', 1);
    expect(resent.status).toBe(200);
    expect(resent.json().recentFailures).toBe(1);
    expect((await pinEvent('JZ-0001-000001', 1)).json().recentFailures).toBe(1);
    expect((await pinEvent('JZ-0001-000001', 2)).json().recentFailures).toBe(2);
  });

  it('a resend while the first is still being handled: counted once, both answered alike', async () => {
    host.simulator.faults.set({ delayMs: 100 });
    const both = await Promise.all([pinEvent('JZ-0001-000001', 1), pinEvent('JZ-0001-000001', 1)]);
    host.simulator.faults.clear();
    expect(both.map((a) => a.status)).toEqual([200, 200]);
    expect(both.map((a) => a.json().recentFailures)).toEqual([1, 1]);
    expect((await pinEvent('JZ-0001-000001', 2)).json().recentFailures).toBe(2);
  });

  it('the lock resent: one flag of it', async () => {
    await pinEvent('JZ-0001-000001', 1, 'blocked');
    await pinEvent('JZ-0001-000001', 1, 'blocked');
    expect(flags().map((f) => f.detail)).toEqual(['PIN locked on the card']);
  });
});
